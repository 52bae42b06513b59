using System.Net;
using LlmReference.LoadGenerator.Scenarios;
using LlmReference.LoadGenerator.Scheduling;

namespace LlmReference.LoadGenerator;

/// <summary>
/// The rules that make a run safe to start: bounded in time and size, and aimed at loopback unless explicitly allowed.
/// </summary>
/// <remarks>
/// Loopback by default because a load generator pointed at the wrong URL is a denial-of-service tool: the workplaces
/// this reference app runs in allow traffic to nothing but the local machine, and a typo should fail, not flood a
/// shared or production host. <c>--allow-remote</c> is the explicit, reviewable opt-in.
/// </remarks>
public static class LoadRunOptionsValidator
{
    public static IReadOnlyList<string> Validate(LoadRunOptions options)
    {
        var errors = new List<string>();
        CheckTarget(errors, "--chat", options.ChatTarget, options.AllowRemote);
        CheckTarget(errors, "--fraud", options.FraudTarget, options.AllowRemote);

        if (!ScenarioNames.All.Contains(options.Scenario, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"--scenario must be one of {string.Join(", ", ScenarioNames.All)}; got '{options.Scenario}'.");
        }

        if (options.Duration is { } duration && (duration <= TimeSpan.Zero || duration > LoadLimits.MaxDuration))
        {
            errors.Add($"--duration must be more than 0 and at most {DurationText.Format(LoadLimits.MaxDuration)}; got {DurationText.Format(duration)}.");
        }

        if (options.Count is { } count && count is < 1 or > LoadLimits.MaxCount)
        {
            errors.Add($"--count must be between 1 and {LoadLimits.MaxCount}; got {count}.");
        }

        if (options.Model == LoadModel.Open)
        {
            try
            {
                var schedule = ArrivalSchedule.Parse(options.Rate, options.EffectiveDuration);
                if (options.Rate.Contains('@') && schedule.Duration > LoadLimits.MaxDuration)
                {
                    errors.Add($"The rate steps last {DurationText.Format(schedule.Duration)}, more than the {DurationText.Format(LoadLimits.MaxDuration)} limit.");
                }
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException)
            {
                errors.Add($"--rate: {exception.Message}");
            }

            if (options.MaxInFlight is < 1 or > LoadLimits.MaxInFlight)
            {
                errors.Add($"--max-in-flight must be between 1 and {LoadLimits.MaxInFlight}; got {options.MaxInFlight}.");
            }
        }
        else if (options.Users is < 1 or > LoadLimits.MaxUsers)
        {
            errors.Add($"--users must be between 1 and {LoadLimits.MaxUsers}; got {options.Users}.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add("--timeout must be more than 0 and at most 5m.");
        }

        if (options.Scenarios.CacheableShare is not (>= 0 and <= 1))
        {
            errors.Add($"--cacheable-share must be between 0 and 1; got {options.Scenarios.CacheableShare}.");
        }

        if (options.Scenarios.Users < 1)
        {
            errors.Add($"--user-pool must be at least 1; got {options.Scenarios.Users}.");
        }

        return errors;
    }

    /// <summary>True for <c>localhost</c> and loopback addresses (127.0.0.0/8, ::1).</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static void CheckTarget(List<string> errors, string option, Uri target, bool allowRemote)
    {
        if (!target.IsAbsoluteUri || target.Scheme is not ("http" or "https"))
        {
            errors.Add($"{option} must be an absolute http(s) URL; got '{target}'.");
        }
        else if (!allowRemote && !IsLoopback(target))
        {
            errors.Add($"{option} {target} is not loopback; load goes only to this machine unless --allow-remote is given.");
        }
    }
}
