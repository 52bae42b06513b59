using LlmReference.ModelServer.Models;

namespace LlmReference.ModelServer.Latency;

/// <summary>
/// Draws a latency plan per response from the model's profile: time to first token uniformly within
/// <c>TimeToFirstTokenMs ± TimeToFirstTokenJitterMs</c>, and a generation rate within <c>TokensPerSecond × (1 ± jitter)</c>.
/// (The latency fault is added before the request gets here, by the fault filter.) Jitter is random, not seeded: answers are deterministic, timings are not (as with a real model).
/// </summary>
internal sealed class LatencyModel
{
    public LatencyPlan Plan(ModelProfile profile)
    {
        var ttftMs = Math.Max(0, profile.TimeToFirstTokenMs + Jitter(profile.TimeToFirstTokenJitterMs));
        var perToken = TimeSpan.Zero;
        if (profile.TokensPerSecond > 0)
        {
            var rate = profile.TokensPerSecond * (1 + Jitter(profile.TokensPerSecondJitter));
            perToken = TimeSpan.FromSeconds(1 / rate);
        }

        return new LatencyPlan(TimeSpan.FromMilliseconds(ttftMs), perToken);
    }

    private static double Jitter(double amplitude) => amplitude == 0 ? 0 : (Random.Shared.NextDouble() * 2 - 1) * amplitude;
}
