using System.Globalization;
using System.Text.Json;

namespace LlmReference.ModelServer.Tools;

/// <summary>A tool's answer as the model sees it in the conversation.</summary>
internal sealed record ToolResult(string FunctionName, string Content);

/// <summary>
/// Writes the final answer after tool calls: it reads the tool results (JSON objects with a score, risk level or decision
/// are understood; anything else is quoted) and says what they mean for the customer, so the answer visibly uses the result.
/// </summary>
internal static class ToolResultResponder
{
    private const double HighRisk = 0.7;
    private const double MediumRisk = 0.4;

    public static string Respond(IReadOnlyList<ToolResult> results) =>
        string.Join(" ", results.Select(Describe));

    private static string Describe(ToolResult result)
    {
        var name = Humanize(result.FunctionName);
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(result.Content).RootElement.Clone();
        }
        catch (JsonException)
        {
            return $"I checked with {name}, which returned: {Trim(result.Content)}.";
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return $"I checked with {name}, which returned {Trim(root.ToString())}.";
        }

        var score = FindNumber(root, "fraudScore", "score", "riskScore", "risk", "probability", "fraudProbability");
        var label = FindString(root, "decision", "verdict", "riskLevel", "level", "label", "outcome", "status", "recommendation");
        var reasons = FindReasons(root);
        if (score is null && label is null)
        {
            return $"I checked with {name}, which returned {Trim(root.GetRawText())}.";
        }

        var parts = new List<string>();
        parts.Add(score is { } s
            ? $"I checked this payment with {name}: it has a fraud risk score of {s.ToString("0.##", CultureInfo.InvariantCulture)}" + (label is null ? "." : $" ({label}).")
            : $"I checked this payment with {name}: the result is {label}.");
        if (reasons is not null)
        {
            parts.Add($"The main factors: {reasons}.");
        }

        parts.Add(Advice(score, label));
        return string.Join(" ", parts);
    }

    private static string Advice(double? score, string? label)
    {
        var l = label?.ToLowerInvariant() ?? "";
        if (score >= HighRisk || l.Contains("high") || l.Contains("declin") || l.Contains("block") || l.Contains("fraud") || l.Contains("reject"))
        {
            return "That looks suspicious. If you don't recognise it, freeze your card in the app (Cards > Freeze) and tap 'I don't recognise this' on the payment so we can refund it and send you a new card.";
        }

        if (score >= MediumRisk || l.Contains("medium") || l.Contains("review") || l.Contains("challenge"))
        {
            return "It is worth a closer look: if you don't recognise the payment, freeze your card and report it in the app; if it was you, confirm it in the 'Was this you?' alert.";
        }

        return "It looks consistent with normal spending, so no action is needed unless you don't recognise it.";
    }

    private static double? FindNumber(JsonElement root, params string[] names)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (names.Any(n => n.Equals(property.Name, StringComparison.OrdinalIgnoreCase)) && property.Value.TryGetDouble(out var value))
            {
                return value;
            }
        }

        return null;
    }

    private static string? FindString(JsonElement root, params string[] names) =>
        root.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String && names.Any(n => n.Equals(p.Name, StringComparison.OrdinalIgnoreCase)))
            .Select(p => p.Value.GetString())
            .FirstOrDefault();

    private static string? FindReasons(JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!property.Name.StartsWith("reason", StringComparison.OrdinalIgnoreCase) && !property.Name.Equals("factors", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            return property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Array => string.Join("; ", property.Value.EnumerateArray().Select(ReasonText).Where(r => r.Length > 0)),
                _ => null,
            };
        }

        return null;
    }

    /// <summary>A reason as a clause: a string, or an object's description/message/code; no trailing full stop.</summary>
    private static string ReasonText(JsonElement reason)
    {
        var text = reason.ValueKind switch
        {
            JsonValueKind.String => reason.GetString(),
            JsonValueKind.Object => new[] { "description", "message", "reason", "code" }
                .Select(n => reason.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
                .FirstOrDefault(t => t is not null) ?? reason.GetRawText(),
            _ => reason.GetRawText(),
        };
        return (text ?? "").Trim().TrimEnd('.');
    }

    /// <summary>"bank-score_transaction" (Semantic Kernel's plugin-function form) reads as "the score transaction tool".</summary>
    private static string Humanize(string functionName)
    {
        var function = functionName[(functionName.LastIndexOf('-') + 1)..].Replace('_', ' ').Trim();
        return function.Length == 0 ? "the tool" : $"the {function} tool";
    }

    private static string Trim(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
