using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LlmReference.Slo;

/// <summary>Prometheus/OpenSLO durations (<c>30d</c>, <c>1h30m</c>, <c>500ms</c>) to and from <see cref="TimeSpan"/>.</summary>
public static partial class PrometheusDuration
{
    private static readonly (string Unit, TimeSpan Size)[] Units =
    [
        ("w", TimeSpan.FromDays(7)), ("d", TimeSpan.FromDays(1)), ("h", TimeSpan.FromHours(1)),
        ("m", TimeSpan.FromMinutes(1)), ("s", TimeSpan.FromSeconds(1)), ("ms", TimeSpan.FromMilliseconds(1)),
    ];

    /// <exception cref="FormatException">Not a duration such as <c>30d</c>.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = Part().Matches(text.Trim());
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)) != text.Trim())
        {
            throw new FormatException($"'{text}' is not a duration such as 30d, 6h or 5m.");
        }

        var total = TimeSpan.Zero;
        foreach (Match part in parts)
        {
            var size = Units.First(u => u.Unit == part.Groups[2].Value).Size;
            total += size * long.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return total;
    }

    /// <summary>The shortest Prometheus spelling, e.g. <c>1h</c>, <c>2h30m</c>, <c>450ms</c>; sub-millisecond parts are dropped.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "Prometheus durations are at least 1ms.");
        }

        var text = new StringBuilder();
        var rest = TimeSpan.FromMilliseconds(Math.Floor(duration.TotalMilliseconds));
        foreach (var (unit, size) in Units.Where(u => u.Unit != "w"))
        {
            var count = rest.Ticks / size.Ticks;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                rest -= size * count;
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"(\d+)(ms|w|d|h|m|s)")]
    private static partial Regex Part();
}
