namespace LlmReference.ModelServer.Latency;

/// <summary>
/// How one response is paced: the first token after <see cref="TimeToFirstToken"/>, then one every
/// <see cref="TimePerToken"/>. A zero time per token means unpaced (all tokens at once).
/// </summary>
internal sealed record LatencyPlan(TimeSpan TimeToFirstToken, TimeSpan TimePerToken);
