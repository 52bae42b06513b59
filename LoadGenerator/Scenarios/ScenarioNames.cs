namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>Scenario names: the CLI's <c>--scenario</c> values, report keys and the <c>scenario</c> metric tag.</summary>
public static class ScenarioNames
{
    public const string Chat = "chat";
    public const string Session = "session";
    public const string Stream = "stream";
    public const string Tool = "tool";
    public const string FraudScore = "fraud-score";
    public const string FraudLabel = "fraud-label";
    public const string Mix = "mix";

    public static readonly IReadOnlyList<string> All = [Chat, Session, Stream, Tool, FraudScore, FraudLabel, Mix];
}
