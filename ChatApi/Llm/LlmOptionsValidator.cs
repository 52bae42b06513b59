using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Llm;

/// <summary>
/// Cross-field rules for <see cref="LlmOptions"/>, checked at start so a misconfigured provider fails the
/// deployment with a clear message instead of the first customer's chat. Messages never contain the key.
/// </summary>
internal sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        var failures = new List<string>();
        var section = LlmOptions.SectionName;

        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{section}:Provider must be one of {string.Join(", ", Enum.GetNames<LlmProvider>())}.");
        }

        if (options.RequiresApiKey && string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add($"{section}:ApiKey is required when {section}:Provider is {options.Provider}. " +
                $"Set it with user secrets or the {section}__ApiKey environment variable (never in appsettings).");
        }

        if (options.Provider == LlmProvider.AzureOpenAI && options.Endpoint is null)
        {
            failures.Add($"{section}:Endpoint is required when {section}:Provider is AzureOpenAI, " +
                "for example https://{resource}.openai.azure.com/openai/v1/ (the v1 API).");
        }

        if (options.Endpoint is { } endpoint &&
            (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{section}:Endpoint must be an absolute http or https URL such as http://localhost:11434/v1.");
        }

        if (options.Provider != LlmProvider.Local && string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add($"{section}:Model is required when {section}:Provider is {options.Provider} (the model or deployment name).");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { options.DeploymentName };
        for (var i = 0; i < options.Fallbacks.Count; i++)
        {
            var fallback = options.Fallbacks[i];
            var prefix = $"{section}:Fallbacks:{i}";
            if (!Identity.UserId.IsValid(fallback.Name))
            {
                failures.Add($"{prefix}:Name must be 1-64 characters of letters, digits, '-' or '_' (e.g. model-fallback).");
            }
            else if (!names.Add(fallback.Name))
            {
                failures.Add($"{prefix}:Name '{fallback.Name}' is used by another deployment.");
            }

            if (fallback.Endpoint is null && options.Provider != LlmProvider.Local)
            {
                failures.Add($"{prefix}:Endpoint is required when {section}:Provider is {options.Provider}.");
            }
            else if (fallback.Endpoint is { } uri && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            {
                failures.Add($"{prefix}:Endpoint must be an absolute http or https URL.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
