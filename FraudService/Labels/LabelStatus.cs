namespace LlmReference.FraudService.Labels;

/// <summary>What happened to one label. Serialized in lower case.</summary>
public enum LabelStatus
{
    /// <summary>Recorded and counted in the monitoring window.</summary>
    Accepted,

    /// <summary>The same label was already recorded; not counted again.</summary>
    Duplicate,

    /// <summary>A different label was already recorded for this transaction; the first one stands.</summary>
    Conflict,

    /// <summary>No scored transaction with this id: never scored, or older than the storage TTL.</summary>
    Unknown,
}

public static class LabelStatusExtensions
{
    public static string ToWireName(this LabelStatus status) => status switch
    {
        LabelStatus.Accepted => "accepted",
        LabelStatus.Duplicate => "duplicate",
        LabelStatus.Conflict => "conflict",
        LabelStatus.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
