using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>The <c>guardrail.decisions</c> counter on ChatApi's meter.</summary>
public sealed class GuardrailMetrics
{
    private readonly Counter<long> _decisions;

    public GuardrailMetrics(ChatApiMetrics chatApi)
    {
        // ChatApi's one Meter, declared in ChatApiMetrics.
        var meter = chatApi.Meter;
        _decisions = meter.CreateCounter<long>(GuardrailTelemetry.Decisions, unit: "{decision}",
            description: "Guardrail rule evaluations by rule, stage and action taken (pass when the rule did not match).");
    }

    public void RecordDecision(string rule, GuardrailStage stage, string action) => _decisions.Add(1, new TagList
    {
        { GuardrailTelemetry.Tags.Rule, rule },
        { GuardrailTelemetry.Tags.Stage, GuardrailTelemetry.StageName(stage) },
        { GuardrailTelemetry.Tags.Action, action },
    });
}
