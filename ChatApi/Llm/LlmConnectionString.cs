using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace LlmReference.ChatApi.Llm;

/// <summary>
/// A model deployment's connection string, in the form Aspire's OpenAI integrations use
/// (<c>Endpoint=https://api.openai.com/v1;Key=sk-…;Model=gpt-4o-mini</c>): <c>Endpoint</c> is the OpenAI-compatible
/// base URL including the version segment, <c>Model</c> the model name (<c>Deployment</c> or <c>DeploymentName</c>,
/// Azure OpenAI's word for it, are accepted instead, one of the three), <c>Key</c> the API key if the provider wants
/// one. Other keys are ignored, as Aspire's client integrations do. Error messages name the connection string and the
/// key at fault, never the value: a mistyped separator could put the API key into any field.
/// </summary>
public sealed record LlmConnectionString(Uri Endpoint, string Model, string? Key)
{
    public const string EndpointKey = "Endpoint";
    public const string ModelKey = "Model";
    public const string KeyKey = "Key";

    /// <summary>Accepted in place of <see cref="ModelKey"/>: Aspire.Azure.AI.OpenAI's <c>Deployment</c>, and the older <c>DeploymentName</c>.</summary>
    public static readonly IReadOnlyList<string> ModelAliases = [ModelKey, "Deployment", "DeploymentName"];

    /// <summary>Hosts that refuse every call without a key (OpenAI and Azure OpenAI), so a missing key fails at start, not on a customer's chat.</summary>
    private static readonly string[] KeyRequiredHostSuffixes =
        [".api.openai.com", ".openai.azure.com", ".services.ai.azure.com", ".cognitiveservices.azure.com"];

    /// <summary>Parses the connection string named <paramref name="name"/>; the error says what to fix.</summary>
    public static bool TryParse(
        string name,
        string? connectionString,
        [NotNullWhen(true)] out LlmConnectionString? result,
        [NotNullWhen(false)] out string? error)
    {
        result = null;
        var key = $"ConnectionStrings:{name}";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            error = $"{key} is missing. Set it to Endpoint={{base URL with /v1}};Model={{model}}[;Key={{API key}}] " +
                $"(the AppHost passes it as ConnectionStrings__{name}; elsewhere use user secrets or that environment variable).";
            return false;
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            error = $"{key} is not a list of Name=Value pairs separated by ';' (quote a value that contains ';' or '=').";
            return false;
        }

        var problems = new List<string>();
        Uri? endpoint = null;
        if (Value(builder, EndpointKey) is not { } endpointText)
        {
            problems.Add($"{key} has no {EndpointKey} (the OpenAI-compatible base URL including /v1, e.g. https://api.openai.com/v1).");
        }
        else if (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) ||
            (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{key}: {EndpointKey} must be an absolute http or https URL such as http://localhost:11434/v1.");
        }

        var models = ModelAliases.Where(alias => Value(builder, alias) is not null).ToList();
        if (models.Count == 0)
        {
            problems.Add($"{key} has no {ModelKey} (the model, or Azure OpenAI deployment, name).");
        }
        else if (models.Count > 1)
        {
            problems.Add($"{key} names the model twice ({string.Join(", ", models)}); keep one.");
        }

        var apiKey = Value(builder, KeyKey);
        if (apiKey is null && endpoint is not null && RequiresKey(endpoint))
        {
            problems.Add($"{key} has no {KeyKey}, and {endpoint.Host} refuses calls without one. " +
                "Keep the key in user secrets or an environment variable, never in appsettings.");
        }

        if (problems.Count > 0)
        {
            error = string.Join(" ", problems);
            return false;
        }

        result = new LlmConnectionString(endpoint!, Value(builder, models[0])!, apiKey);
        error = null;
        return true;
    }

    /// <summary>Parses the connection string named <paramref name="name"/> or throws with what to fix.</summary>
    public static LlmConnectionString Parse(string name, string? connectionString) =>
        TryParse(name, connectionString, out var result, out var error) ? result : throw new FormatException(error);

    private static bool RequiresKey(Uri endpoint) =>
        KeyRequiredHostSuffixes.Any(suffix => ("." + endpoint.Host).EndsWith(suffix, StringComparison.OrdinalIgnoreCase));

    private static string? Value(DbConnectionStringBuilder builder, string key) =>
        builder.TryGetValue(key, out var value) && value is string text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
