using System.Text.Json;
using System.Text.RegularExpressions;
using LlmReference.ModelServer.Embeddings;
using LlmReference.ModelServer.Wire;

namespace LlmReference.ModelServer.Tools;

/// <summary>A tool call the model decided to make.</summary>
internal sealed record PlannedToolCall(string Id, string Name, string Arguments);

/// <summary>
/// Decides whether the last user turn calls for one of the offered tools, as a real model would: a question whether a
/// payment looks fraudulent picks a tool named like <c>*fraud*</c>/<c>*score*</c>/<c>*risk*</c> (and only such a question
/// does); otherwise a tool whose name and description share at least two words with the question. <c>tool_choice</c> is honoured (<c>none</c>, <c>required</c>,
/// a named function). The arguments are built from the question against the tool's JSON schema.
/// </summary>
internal sealed partial class ToolCallPlanner(ArgumentExtractor extractor)
{
    private const int MinimumSharedWords = 2;

    [GeneratedRegex(@"\b(fraud\w*|suspicious|scam\w*|legit\w*|genuine|unauthori[sz]ed|look(s)? (right|ok|okay|normal|safe)|didn'?t make|not me|recogni[sz]e|dodgy|fishy|risky?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FraudIntent();

    [GeneratedRegex(@"(fraud|score|risk)", RegexOptions.IgnoreCase)]
    private static partial Regex FraudToolName();

    public PlannedToolCall? Plan(IReadOnlyList<ToolDefinition> tools, JsonElement? toolChoice, string question, long seed)
    {
        var functions = tools.Where(t => t.Function?.Name is { Length: > 0 }).Select(t => t.Function!).ToList();
        if (functions.Count == 0 || question.Length == 0)
        {
            return null;
        }

        var choice = toolChoice is { ValueKind: JsonValueKind.String } c ? c.GetString() : null;
        if (choice == "none")
        {
            return null;
        }

        FunctionDefinition? chosen = null;
        if (toolChoice is { ValueKind: JsonValueKind.Object } named &&
            named.TryGetProperty("function", out var fn) && fn.TryGetProperty("name", out var nameElement))
        {
            chosen = functions.FirstOrDefault(f => f.Name == nameElement.GetString());
        }

        chosen ??= Choose(functions, question) ?? (choice == "required" ? functions[0] : null);
        if (chosen is null)
        {
            return null;
        }

        var arguments = extractor.Extract(chosen.Parameters, question);
        return new PlannedToolCall(CallId(question, chosen.Name!, seed), chosen.Name!, arguments);
    }

    private static FunctionDefinition? Choose(List<FunctionDefinition> functions, string question)
    {
        if (FraudIntent().IsMatch(question) && functions.FirstOrDefault(f => FraudToolName().IsMatch(f.Name!)) is { } fraudTool)
        {
            return fraudTool;
        }

        // A fraud scorer is called only on a fraud question: a dispute or a lost card shares words with it but is not one.
        var questionWords = TextFeatures.Words(question).ToHashSet();
        return functions
            .Where(f => !FraudToolName().IsMatch(f.Name!))
            .Select(f => (Function: f, Shared: TextFeatures.Words(SplitName(f.Name!) + " " + f.Description).Distinct().Count(questionWords.Contains)))
            .Where(x => x.Shared >= MinimumSharedWords)
            .OrderByDescending(x => x.Shared)
            .Select(x => x.Function)
            .FirstOrDefault();
    }

    /// <summary>"Fraud-score_transaction" and "scoreTransaction" become words.</summary>
    private static string SplitName(string name) => CamelBoundary().Replace(name, " ").Replace('-', ' ').Replace('_', ' ');

    [GeneratedRegex(@"(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex CamelBoundary();

    private static string CallId(string question, string name, long seed)
    {
        var hash = 14695981039346656037UL ^ (ulong)seed;
        foreach (var ch in question + "\u0001" + name)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return "call_" + hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
