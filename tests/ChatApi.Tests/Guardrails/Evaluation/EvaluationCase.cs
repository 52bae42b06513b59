using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmReference.ChatApi.Tests.Guardrails.Evaluation;

/// <summary>One line of the committed corpus (<c>corpus/*.jsonl</c>, written by <c>generate_corpus.py</c>).</summary>
public sealed record EvaluationCase(
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("rule")] string? Rule,
    [property: JsonPropertyName("expect")] string Expect,
    [property: JsonPropertyName("variant")] string Variant,
    [property: JsonPropertyName("lang")] string Lang,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("secret")] string? Secret)
{
    public bool IsBenign => Rule is null;

    public static IReadOnlyList<EvaluationCase> LoadAll()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Guardrails", "Evaluation", "corpus");
        return [.. Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<EvaluationCase>(line)!)];
    }

    public override string ToString() => $"{Rule ?? "benign"}/{Variant}/{Lang}: {Text}";
}
