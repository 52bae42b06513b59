using System.ClientModel;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmReference.ChatApi.Llm;
using Microsoft.SemanticKernel;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// A deployment refused the request with a client error (4xx other than 408 and 429): our request or configuration is
/// wrong, and another try or another deployment will not help. Carries what a client may be told: which deployment and
/// which HTTP status. The provider's own error text can quote the prompt or name the account, so it stays in the inner
/// exception and reaches only the logs: its error code at Error, its full text (<see cref="ProviderText"/>) redacted, at
/// Trace, and only with <c>Llm:CaptureContent</c> on, like every other text that may hold a customer's words.
/// </summary>
public sealed partial class ModelRejectedException(LlmDeployment deployment, int statusCode, Exception providerError)
    : Exception($"Deployment '{deployment.Name}' ({deployment.Model}) rejected the request with HTTP {statusCode}.", providerError)
{
    public LlmDeployment Deployment { get; } = deployment;

    public int StatusCode { get; } = statusCode;

    /// <summary>
    /// The provider's machine-readable error code (<c>error.code</c>, else <c>error.type</c>, of an OpenAI-format error
    /// body, e.g. <c>model_not_found</c>) when it is a plain token, safe for any log level; otherwise null.
    /// </summary>
    public string? ProviderErrorCode { get; } = ErrorCode(Body(providerError));

    /// <summary>What the provider said, in full (its error body, else its exception's message): for the redacted Trace log only.</summary>
    public string ProviderText { get; } = Body(providerError) ?? providerError.GetBaseException().Message;

    /// <summary>Throws this exception for <paramref name="exception"/> when it is <paramref name="deployment"/>'s refusal.</summary>
    public static void ThrowIfRejected(LlmDeployment deployment, Exception exception)
    {
        if (ModelFailure.RejectedStatus(exception) is { } status)
        {
            throw new ModelRejectedException(deployment, status, exception);
        }
    }

    private static string? Body(Exception exception) => exception switch
    {
        HttpOperationException { ResponseContent: { Length: > 0 } content } => content,
        ClientResultException ex when ex.GetRawResponse()?.Content is { } content && !content.IsEmpty => content.ToString(),
        _ when exception.InnerException is { } inner => Body(inner),
        _ => null,
    };

    private static string? ErrorCode(string? body)
    {
        if (body is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new[] { "code", "type" }
                .Select(name => error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null)
                .FirstOrDefault(code => code is not null && Token().IsMatch(code));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A code, not a sentence: nothing in it can be a customer's words.</summary>
    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
