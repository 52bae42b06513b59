using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;

namespace LlmReference.ChatApi.Compliance;

public static class ComplianceServiceExtensions
{
    /// <summary>
    /// Log redaction: parameters marked <see cref="CustomerTextAttribute"/> pass through <see cref="PiiRedactor"/>, and
    /// customer ids (<see cref="CustomerIdAttribute"/>, route parameters of outgoing HTTP logs) are erased, before any
    /// logging provider (console, OTLP) sees them.
    /// </summary>
    public static TBuilder AddPiiRedaction<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddRedaction(redaction =>
        {
            redaction.SetRedactor<PiiRedactor>(new DataClassificationSet(CustomerDataTaxonomy.CustomerText));
            redaction.SetRedactor<ErasingRedactor>(new DataClassificationSet(CustomerDataTaxonomy.CustomerId));
        });
        builder.Logging.EnableRedaction();
        return builder;
    }
}
