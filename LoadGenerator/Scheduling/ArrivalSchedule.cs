using System.Globalization;

namespace LlmReference.LoadGenerator.Scheduling;

/// <summary>
/// The open model's timetable: evenly spaced arrivals at a rate that may change in steps. Arrival times are a pure
/// function of the steps (no clock, no randomness), so a run is reproducible and a test can check them exactly.
/// </summary>
/// <remarks>
/// Even spacing, not Poisson: the point of the generator is to compare runs and experiments, and even spacing keeps the
/// offered load identical between them. The latency a burst would add is the target's to show under a spike step.
/// </remarks>
public sealed class ArrivalSchedule
{
    private readonly RateStep[] _steps;

    public ArrivalSchedule(IEnumerable<RateStep> steps)
    {
        _steps = [.. steps];
        if (_steps.Length == 0)
        {
            throw new ArgumentException("A schedule needs at least one step.", nameof(steps));
        }

        foreach (var step in _steps)
        {
            if (step.RequestsPerSecond is not (> 0 and <= LoadLimits.MaxRequestsPerSecond) || step.Duration <= TimeSpan.Zero)
            {
                throw new ArgumentException(
                    $"Each step needs a rate in (0, {LoadLimits.MaxRequestsPerSecond}] requests/s and a positive duration; got {step}.",
                    nameof(steps));
            }
        }
    }

    /// <summary>A constant <paramref name="requestsPerSecond"/> for <paramref name="duration"/>.</summary>
    public static ArrivalSchedule Constant(double requestsPerSecond, TimeSpan duration) => new([new RateStep(requestsPerSecond, duration)]);

    public IReadOnlyList<RateStep> Steps => _steps;

    /// <summary>The whole schedule's length: the sum of its steps.</summary>
    public TimeSpan Duration => _steps.Aggregate(TimeSpan.Zero, (total, step) => total + step.Duration);

    /// <summary>How many arrivals the schedule holds (what an ideal run would send).</summary>
    public long Count => IntendedTimes().LongCount();

    /// <summary>
    /// Every intended send time in order, as offsets from the run's start. In a step of rate r starting at s the
    /// arrivals are s, s + 1/r, s + 2/r, … while before the step's end; times are computed from the step's start (not
    /// accumulated), so rounding never drifts over a long run.
    /// </summary>
    public IEnumerable<TimeSpan> IntendedTimes()
    {
        var stepStart = TimeSpan.Zero;
        foreach (var step in _steps)
        {
            var stepEnd = stepStart + step.Duration;
            for (long i = 0; ; i++)
            {
                var at = stepStart + TimeSpan.FromTicks((long)Math.Round(i * TimeSpan.TicksPerSecond / step.RequestsPerSecond));
                if (at >= stepEnd)
                {
                    break;
                }

                yield return at;
            }

            stepStart = stepEnd;
        }
    }

    /// <summary>
    /// Parses <c>5</c> (with <paramref name="duration"/>) or steps such as <c>5@30s,25@60s,5@30s</c> (rate@duration).
    /// </summary>
    public static ArrivalSchedule Parse(string text, TimeSpan duration)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate))
        {
            return Constant(rate, duration);
        }

        var steps = new List<RateStep>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split('@', StringSplitOptions.TrimEntries);
            if (pieces.Length != 2
                || !double.TryParse(pieces[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var stepRate)
                || !DurationText.TryParse(pieces[1], out var stepDuration))
            {
                throw new FormatException($"'{part}' is not a rate step; write rate@duration, e.g. 5@30s,25@60s.");
            }

            steps.Add(new RateStep(stepRate, stepDuration));
        }

        return new ArrivalSchedule(steps);
    }
}
