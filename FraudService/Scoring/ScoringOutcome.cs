namespace LlmReference.FraudService.Scoring;

/// <summary>What happened to a score request.</summary>
public enum ScoringStatus
{
    /// <summary>Newly scored and stored.</summary>
    Scored,

    /// <summary>The same transaction (same id, same content) was scored before: the stored result is returned.</summary>
    Replayed,

    /// <summary>The id was already used for a different transaction: nothing was stored.</summary>
    Conflict,
}

public sealed record ScoringOutcome(ScoringStatus Status, ScoreResponse? Response);
