using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Llm;

/// <summary>
/// Checks <see cref="LlmOptions"/> at start, so a missing or malformed deployment fails the deployment of ChatApi with
/// a message naming the key, instead of the first customer's chat. Messages never contain a connection string's value.
/// </summary>
internal sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        var failures = new List<string>();
        var section = LlmOptions.SectionName;

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.DeploymentNames.Count; i++)
        {
            var deployment = options.DeploymentNames[i];
            if (!Identity.UserId.IsValid(deployment))
            {
                // The name is a connection-string name and a telemetry value: keep it a plain resource name.
                failures.Add($"{section}:Deployments:{i} must be 1-64 characters of letters, digits, '-' or '_' (e.g. model-fallback).");
            }
            else if (!names.Add(deployment))
            {
                failures.Add($"{section}:Deployments:{i} '{deployment}' is listed twice.");
            }
            else if (!LlmConnectionString.TryParse(deployment, options.ConnectionStrings.GetValueOrDefault(deployment), out _, out var error))
            {
                failures.Add(error);
            }
        }

        foreach (var (model, price) in options.Prices)
        {
            if (price.InputPerMillionTokens < 0 || price.OutputPerMillionTokens < 0)
            {
                failures.Add($"{section}:Prices:{model} has a negative price; InputPerMillionTokens and OutputPerMillionTokens are USD per million tokens, 0 or more.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
