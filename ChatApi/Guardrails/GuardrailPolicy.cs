using System.Diagnostics;
using System.Text.RegularExpressions;
using LlmReference.ChatApi.Guardrails.Normalization;
using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// The rule-based <see cref="IGuardrailPolicy"/>: runs every enabled rule of a stage over the text, masks what mask rules
/// found (in place, so positions stay valid), and blocks if any block rule matched. Deterministic and local, so it
/// costs microseconds and no model call.
/// </summary>
public sealed class GuardrailPolicy(IOptionsMonitor<GuardrailOptions> options, GuardrailMetrics metrics, ILogger<GuardrailPolicy> logger)
    : IGuardrailPolicy
{
    /// <summary>The extra patterns compiled for one options instance (a new instance after a configuration reload).</summary>
    private CompiledExtras? _extras;

    public ValueTask<GuardrailDecision> CheckInputAsync(string userMessage, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Check(GuardrailStage.Input, userMessage, responseId: null, systemPrompt: null));

    public GuardrailDecision CheckOutput(string reply, string? responseId = null, string? systemPrompt = null) =>
        Check(GuardrailStage.Output, reply, responseId, systemPrompt);

    public GuardrailStreamFilter CreateStreamFilter(string? systemPrompt = null) => new(this, options.CurrentValue, systemPrompt);

    private GuardrailDecision Check(GuardrailStage stage, string text, string? responseId, string? systemPrompt)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            return GuardrailDecision.Pass(text);
        }

        var decision = Evaluate(stage, text, settings, record: true, systemPrompt);
        RecordEvaluation(stage, decision, responseId);
        return decision;
    }

    /// <summary>Runs the stage's rules; with <paramref name="record"/> false (stream previews) nothing is counted or logged.</summary>
    internal GuardrailDecision Evaluate(GuardrailStage stage, string text, GuardrailOptions settings, bool record, string? systemPrompt = null)
    {
        // Normalised once, read by every rule; matches come back in the original's coordinates.
        var checkedText = new GuardrailText(text, systemPrompt);
        var findings = new List<GuardrailFinding>();
        char[]? masked = null;
        string? blockMessage = null;
        var stageName = GuardrailTelemetry.StageName(stage);

        foreach (var rule in GuardrailRules.All)
        {
            var ruleSettings = rule.Settings(settings);
            if (!rule.Stages.HasFlag(stage) || ruleSettings.Action == GuardrailAction.Off)
            {
                continue;
            }

            var matches = Find(rule, settings, checkedText, stageName, record);
            if (record)
            {
                metrics.RecordDecision(rule.Id, stage, matches.Count == 0 ? GuardrailTelemetry.Actions.Pass : GuardrailTelemetry.Actions.For(ruleSettings.Action));
            }

            if (matches.Count == 0)
            {
                continue;
            }

            findings.Add(new GuardrailFinding(rule.Id, ruleSettings.Action, matches.Count));
            switch (ruleSettings.Action)
            {
                case GuardrailAction.Block:
                    blockMessage ??= ruleSettings.Message;
                    if (record)
                    {
                        Log.Blocked(logger, rule.Id, stageName, matches.Count);
                    }

                    break;
                case GuardrailAction.Mask:
                    masked ??= text.ToCharArray();
                    foreach (var match in matches)
                    {
                        rule.MaskStyle(masked, match);
                    }

                    if (record)
                    {
                        Log.Masked(logger, rule.Id, stageName, matches.Count);
                    }

                    break;
                default:
                    if (record)
                    {
                        Log.Flagged(logger, rule.Id, stageName, matches.Count);
                    }

                    break;
            }
        }

        if (blockMessage is not null)
        {
            return new GuardrailDecision(GuardrailOutcome.Block, blockMessage, blockMessage, findings);
        }

        return masked is not null
            ? new GuardrailDecision(GuardrailOutcome.Mask, new string(masked), null, findings)
            : new GuardrailDecision(GuardrailOutcome.Pass, text, null, findings);
    }

    /// <summary>
    /// A rule that times out or fails is treated as matched: failing closed is the safe side for a bank, and a broken
    /// pattern must neither pass text unchecked nor fail the customer's turn with a 500.
    /// </summary>
    private IReadOnlyList<TextMatch> Find(GuardrailRule rule, GuardrailOptions settings, GuardrailText text, string stageName, bool record)
    {
        try
        {
            var extras = ExtrasFor(settings)[rule.Id];
            var found = rule.Find(text);
            // Operator patterns read the normalised text too, so they need not spell out every obfuscation.
            return extras.Length == 0
                ? found
                : [.. found, .. extras.SelectMany(extra => TextMatch.All(extra, text.Normalized.Text).Select(text.Normalized.ToOriginal))];
        }
        catch (Exception ex)
        {
            if (record)
            {
                Log.RuleFailed(logger, rule.Id, stageName, ex);
            }

            // Mask rules have nothing to mask then; block rules block.
            return rule.CanMask ? [] : [new TextMatch(0, text.Original.Length)];
        }
    }

    /// <summary>Compiles the configured extra patterns once per options instance (options validation already tried them).</summary>
    private IReadOnlyDictionary<string, Regex[]> ExtrasFor(GuardrailOptions settings)
    {
        var current = _extras;
        if (current is null || !ReferenceEquals(current.Options, settings))
        {
            current = new CompiledExtras(settings, GuardrailRules.All.ToDictionary(
                rule => rule.Id,
                rule => rule.Settings(settings).ExtraPatterns.Select(ExtraPatterns.Compile).ToArray()));
            _extras = current;
        }

        return current.Patterns;
    }

    private static void RecordEvaluation(GuardrailStage stage, GuardrailDecision decision, string? responseId)
    {
        var label = decision.Outcome switch
        {
            GuardrailOutcome.Block => GuardrailTelemetry.Labels.Blocked,
            GuardrailOutcome.Mask => GuardrailTelemetry.Labels.Masked,
            _ when decision.Findings.Count > 0 => GuardrailTelemetry.Labels.Flagged,
            _ => GuardrailTelemetry.Labels.Pass,
        };
        var explanation = decision.Findings.Count == 0
            ? "No rule matched."
            : string.Join("; ", decision.Findings.Select(f => $"{f.Rule}: {GuardrailTelemetry.Actions.For(f.Action)} ({f.Matches})"));

        // Score 1 = clean, 0 = a rule matched; the label says what was done about it.
        GenAiEvaluation.Record(Activity.Current, GuardrailTelemetry.EvaluationName(stage), decision.Findings.Count == 0 ? 1 : 0, label, responseId, explanation);
    }

    private sealed record CompiledExtras(GuardrailOptions Options, IReadOnlyDictionary<string, Regex[]> Patterns);
}
