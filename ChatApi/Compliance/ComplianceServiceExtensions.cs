using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;

namespace LlmReference.ChatApi.Compliance;

public static class ComplianceServiceExtensions
{
    /// <summary>
    /// Log redaction: parameters marked <see cref="CustomerTextAttribute"/> pass through <see cref="PiiRedactor"/>, and
    /// customer ids (<see cref="CustomerIdAttribute"/>, route parameters of outgoing HTTP logs) are erased, before any
    /// logging provider (console, OTLP) sees them; and <see cref="GenAiContentRedactor"/> for content recorded on spans.
    /// </summary>
    public static TBuilder AddPiiRedaction<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddRedaction(redaction =>
        {
            redaction.SetRedactor<PiiRedactor>(new DataClassificationSet(CustomerDataTaxonomy.CustomerText));
            redaction.SetRedactor<ErasingRedactor>(new DataClassificationSet(CustomerDataTaxonomy.CustomerId));
        });
        builder.Logging.EnableRedaction();

        // The same masking for message content recorded on spans (Llm:CaptureContent), before any exporter.
        builder.Services.AddSingleton<ISpanRedactor, GenAiContentRedactor>();
        return builder;
    }
}
