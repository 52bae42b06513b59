namespace LlmReference.FraudService.Contracts;

/// <summary>What the caller should do with the transaction. Serialized in lower case (<c>approve</c>, <c>review</c>, <c>decline</c>).</summary>
public enum Decision
{
    Approve,
    Review,
    Decline,
}

public static class DecisionExtensions
{
    /// <summary>The lower-case name used on the wire and as the <c>fraud.decision</c> attribute, without allocating.</summary>
    public static string ToWireName(this Decision decision) => decision switch
    {
        Decision.Approve => "approve",
        Decision.Review => "review",
        Decision.Decline => "decline",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };
}
