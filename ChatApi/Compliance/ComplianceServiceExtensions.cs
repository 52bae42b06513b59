using Microsoft.Extensions.Compliance.Classification;

namespace LlmReference.ChatApi.Compliance;

public static class ComplianceServiceExtensions
{
    /// <summary>
    /// Log redaction: parameters marked <see cref="CustomerTextAttribute"/> pass through <see cref="PiiRedactor"/>
    /// before any logging provider (console, OTLP) sees them.
    /// </summary>
    public static TBuilder AddPiiRedaction<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddRedaction(redaction =>
            redaction.SetRedactor<PiiRedactor>(new DataClassificationSet(CustomerDataTaxonomy.CustomerText)));
        builder.Logging.EnableRedaction();
        return builder;
    }
}
