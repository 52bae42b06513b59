using System.Globalization;
using LlmReference.LoadGenerator.Scheduling;

namespace LlmReference.LoadGenerator.Control;

/// <summary>
/// What a control-API run sends: its kind (<see cref="Steady"/> or <see cref="Spike"/>), scenario and rate steps.
/// A spike that interrupts a steady run carries the steady remainder as a second step, so "back to steady" is part of
/// one bounded schedule rather than a second run someone has to remember to start.
/// </summary>
public sealed record LoadPlan(string Kind, string Scenario, IReadOnlyList<RateStep> Steps)
{
    public const string Steady = "steady";
    public const string Spike = "spike";

    /// <summary>The whole send window.</summary>
    public TimeSpan Duration => Steps.Aggregate(TimeSpan.Zero, (total, step) => total + step.Duration);

    /// <summary>The steps in the engine's rate syntax (<c>10@60s,2@540s</c>), for <see cref="LoadRunOptions.Rate"/>.</summary>
    public string RateText => string.Join(",", Steps.Select(s => string.Create(
        CultureInfo.InvariantCulture, $"{s.RequestsPerSecond}@{s.Duration.TotalSeconds}s")));

    /// <summary>The rate the schedule asks for at <paramref name="elapsed"/> (0 once it is over).</summary>
    public double RateAt(TimeSpan elapsed)
    {
        var end = TimeSpan.Zero;
        foreach (var step in Steps)
        {
            end += step.Duration;
            if (elapsed < end)
            {
                return step.RequestsPerSecond;
            }
        }

        return 0;
    }
}
