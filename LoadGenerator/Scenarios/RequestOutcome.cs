namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>
/// What one request did, as a scenario reports it. <paramref name="Scenario"/> is the scenario that actually ran (a mix
/// reports its pick; a label request with nothing due reports the score it sent instead).
/// </summary>
/// <param name="FirstChunkTimestamp">For streams: <see cref="TimeProvider.GetTimestamp"/> when the first delta arrived.</param>
public sealed record RequestOutcome(string Scenario, OutcomeKind Kind, int? StatusCode = null, long? FirstChunkTimestamp = null)
{
    public bool IsSuccess => Kind == OutcomeKind.Success;
}
