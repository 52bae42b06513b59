using LlmReference.LoadGenerator.Scenarios;
using Microsoft.Extensions.Options;

namespace LlmReference.LoadGenerator.Control;

/// <summary>
/// The rules data annotations cannot say: targets present, http(s) and loopback unless <c>LoadHost:AllowRemote</c>;
/// a known scenario and mix. (The ranges on the rates keep a spike, at most 100/s × 20, within the engine's limit.)
/// </summary>
/// <remarks>
/// The loopback rule holds for discovered targets too. Under the AppHost they are loopback anyway (DCP runs every
/// project on this machine), so nothing needs relaxing; where discovery yields another host (a cluster), sending load
/// there is a decision that should be visible in a manifest (<c>LoadHost__AllowRemote=true</c>), not a side effect of a
/// reference. The discovered address is checked, not the service name, because the clients are given that address.
/// </remarks>
public sealed class LoadHostOptionsValidator : IValidateOptions<LoadHostOptions>
{
    public ValidateOptionsResult Validate(string? name, LoadHostOptions options)
    {
        var errors = new List<string>();
        CheckTarget(errors, options.ChatTarget, options.ChatService, "ChatTarget", options.AllowRemote);
        CheckTarget(errors, options.FraudTarget, options.FraudService, "FraudTarget", options.AllowRemote);

        if (!ScenarioNames.All.Contains(options.Scenario, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{LoadHostOptions.SectionName}:Scenario must be one of {string.Join(", ", ScenarioNames.All)}; got '{options.Scenario}'.");
        }

        if (options.Mix is { } mix)
        {
            var unknown = mix.Keys.Where(k => k == ScenarioNames.Mix || !ScenarioNames.All.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unknown.Count > 0)
            {
                errors.Add($"{LoadHostOptions.SectionName}:Mix names unknown scenarios ({string.Join(", ", unknown)}); use {string.Join(", ", ScenarioNames.All.Where(s => s != ScenarioNames.Mix))}.");
            }

            if (mix.Values.Any(w => w is < 0 or > 1e6 || double.IsNaN(w)) || mix.Values.Sum() <= 0)
            {
                errors.Add($"{LoadHostOptions.SectionName}:Mix weights must be between 0 and 1000000 with at least one positive.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckTarget(List<string> errors, Uri? target, string service, string key, bool allowRemote)
    {
        var source = $"{LoadHostOptions.SectionName}:{key} (or the AppHost reference services__{service}__http__0)";
        if (target is null)
        {
            errors.Add($"No {service} endpoint: reference '{service}' from the AppHost or set {LoadHostOptions.SectionName}:{key}.");
        }
        else if (!target.IsAbsoluteUri || target.Scheme is not ("http" or "https"))
        {
            errors.Add($"{source} must be an absolute http(s) URL; got '{target}'.");
        }
        else if (!allowRemote && !LoadRunOptionsValidator.IsLoopback(target))
        {
            errors.Add($"{source} is {target}, not loopback; load goes only to this machine unless {LoadHostOptions.SectionName}:AllowRemote is true.");
        }
    }
}
