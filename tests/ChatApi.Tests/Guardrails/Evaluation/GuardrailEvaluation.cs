using System.Globalization;
using System.Text;
using LlmReference.ChatApi.Chat;
using LlmReference.ChatApi.Guardrails;

namespace LlmReference.ChatApi.Tests.Guardrails.Evaluation;

/// <summary>Detection and false-positive rates of one rule (or of all, <see cref="GuardrailEvaluation.Total"/>) on the corpus.</summary>
public sealed record RuleScore(string Rule, int Attacks, int Detected, int Benign, int FalsePositives, IReadOnlyList<EvaluationCase> Missed, IReadOnlyList<EvaluationCase> Flagged)
{
    public double DetectionRate => Attacks == 0 ? 1 : (double)Detected / Attacks;

    public double FalsePositiveRate => Benign == 0 ? 0 : (double)FalsePositives / Benign;
}

/// <summary>
/// Runs the guardrail policy as ChatApi configures it by default over the committed corpus: an attack or PII case is
/// detected when its rule blocks it (or masks it so that its secret digits are gone), a benign case is a false
/// positive for every rule that blocks or masks any of it. The system prompt is ChatApi's default.
/// </summary>
public static class GuardrailEvaluation
{
    public const string Total = "total";

    public static async Task<IReadOnlyList<RuleScore>> RunAsync(IGuardrailPolicy policy, IReadOnlyList<EvaluationCase> cases)
    {
        var results = new List<(EvaluationCase Case, GuardrailDecision Decision)>();
        foreach (var item in cases)
        {
            var decision = item.Stage == "input"
                ? await policy.CheckInputAsync(item.Text)
                : policy.CheckOutput(item.Text, systemPrompt: ChatApiOptions.DefaultSystemPrompt);
            results.Add((item, decision));
        }

        var scores = new List<RuleScore>();
        foreach (var rule in GuardrailRules.All)
        {
            var attacks = results.Where(r => r.Case.Rule == rule.Id).ToList();
            var benign = results.Where(r => r.Case.IsBenign && rule.Stages.HasFlag(Stage(r.Case))).ToList();
            var missed = attacks.Where(r => !Detected(r.Case, r.Decision)).Select(r => r.Case).ToList();
            var flagged = benign.Where(r => Fired(r.Decision, rule.Id)).Select(r => r.Case).ToList();
            scores.Add(new RuleScore(rule.Id, attacks.Count, attacks.Count - missed.Count, benign.Count, flagged.Count, missed, flagged));
        }

        var allAttacks = results.Where(r => !r.Case.IsBenign).ToList();
        var allBenign = results.Where(r => r.Case.IsBenign).ToList();
        var allMissed = allAttacks.Where(r => !Detected(r.Case, r.Decision)).Select(r => r.Case).ToList();
        var allFlagged = allBenign.Where(r => r.Decision.Outcome != GuardrailOutcome.Pass).Select(r => r.Case).ToList();
        scores.Add(new RuleScore(Total, allAttacks.Count, allAttacks.Count - allMissed.Count, allBenign.Count, allFlagged.Count, allMissed, allFlagged));
        return scores;
    }

    /// <summary>The table the runner prints (and docs/guardrails.md records).</summary>
    public static string Format(IReadOnlyList<RuleScore> scores)
    {
        var table = new StringBuilder();
        table.AppendLine("| Rule | Attack/PII cases | Detected | Detection rate | Benign cases | False positives | False-positive rate |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var s in scores)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Rule} | {s.Attacks} | {s.Detected} | {s.DetectionRate:P1} | {s.Benign} | {s.FalsePositives} | {s.FalsePositiveRate:P1} |");
        }

        foreach (var s in scores.Where(s => s.Rule != Total))
        {
            foreach (var miss in s.Missed)
            {
                table.AppendLine(CultureInfo.InvariantCulture, $"missed: {miss}");
            }

            foreach (var flag in s.Flagged)
            {
                table.AppendLine(CultureInfo.InvariantCulture, $"false positive ({s.Rule}): {flag}");
            }
        }

        return table.ToString();
    }

    private static GuardrailStage Stage(EvaluationCase item) => item.Stage == "input" ? GuardrailStage.Input : GuardrailStage.Output;

    private static bool Fired(GuardrailDecision decision, string rule) =>
        decision.Findings.Any(f => f.Rule == rule && f.Action is GuardrailAction.Block or GuardrailAction.Mask);

    private static bool Detected(EvaluationCase item, GuardrailDecision decision)
    {
        if (!Fired(decision, item.Rule!))
        {
            return false;
        }

        // A mask counts only if the secret is really gone from what the model would receive.
        return item.Expect != "mask" || item.Secret is null || !Compact(decision.Text).Contains(Compact(item.Secret), StringComparison.Ordinal);
    }

    /// <summary>Letters and digits only, normalised and upper-case: the secret must not survive in any spelling.</summary>
    private static string Compact(string text) =>
        string.Concat(ChatApi.Guardrails.Normalization.TextNormalizer.Normalize(text).Text.Where(char.IsLetterOrDigit)).ToUpperInvariant();
}
