namespace LlmReference.ChatApi.Feedback;

/// <summary>The two votes, and how they map to an evaluation score.</summary>
public static class FeedbackScore
{
    public const string Up = "up";
    public const string Down = "down";

    public static bool IsValid(string? score) => score is Up or Down;

    /// <summary><c>gen_ai.evaluation.score.value</c>: 1 for up, 0 for down, so the mean is the share of satisfied votes.</summary>
    public static double Value(string score) => score == Up ? 1 : 0;
}
