using Microsoft.AspNetCore.Http.Metadata;
using System.Reflection;

namespace LlmReference.ModelServer.Wire;

/// <summary>
/// An error in OpenAI's shape with its status and any headers (Retry-After, x-ratelimit-*). The <c>/v1</c> API answers
/// errors this way rather than as RFC 7807 problems because OpenAI clients parse <c>error.code</c> and <c>error.message</c>.
/// </summary>
internal sealed class OpenAIErrorResult(int statusCode, ErrorBody error) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    private readonly List<KeyValuePair<string, string>> _headers = [];

    public int? StatusCode => statusCode;

    public ErrorBody Error => error;

    public OpenAIErrorResult WithHeader(string name, string value)
    {
        _headers.Add(new(name, value));
        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        if (Admin.RequestContext.Of(httpContext) is { } request)
        {
            request.ErrorType ??= error.Code ?? error.Type;
        }

        httpContext.Response.StatusCode = statusCode;
        foreach (var (name, value) in _headers)
        {
            httpContext.Response.Headers[name] = value;
        }

        await httpContext.Response.WriteAsJsonAsync(new ErrorResponse(error), WireJsonContext.Default.ErrorResponse, contentType: null, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(ErrorResponse), ["application/json"]));
}

/// <summary>The errors the <c>/v1</c> API returns, with OpenAI's types and codes.</summary>
internal static class OpenAIErrors
{
    public static OpenAIErrorResult BadRequest(string message, string? param = null, string? code = null) =>
        new(StatusCodes.Status400BadRequest, new ErrorBody(message, "invalid_request_error", param, code));

    public static OpenAIErrorResult ModelNotFound(string model) =>
        new(StatusCodes.Status404NotFound, new ErrorBody(
            $"The model `{model}` does not exist or you do not have access to it.", "invalid_request_error", "model", "model_not_found"));

    public static OpenAIErrorResult WrongKindOfModel(string model, string endpoint) =>
        new(StatusCodes.Status404NotFound, new ErrorBody(
            $"The model `{model}` is not supported by the {endpoint} endpoint.", "invalid_request_error", "model", "model_not_found"));

    public static OpenAIErrorResult ContextLengthExceeded(int contextWindow, int promptTokens, int completionTokens) =>
        new(StatusCodes.Status400BadRequest, new ErrorBody(
            $"This model's maximum context length is {contextWindow} tokens. However, you requested {promptTokens + completionTokens} tokens " +
            $"({promptTokens} in the messages, {completionTokens} in the completion). Please reduce the length of the messages or completion.",
            "invalid_request_error", "messages", "context_length_exceeded"));

    public static OpenAIErrorResult InvalidApiKey() =>
        new(StatusCodes.Status401Unauthorized, new ErrorBody(
            "Incorrect API key provided. Send it as 'Authorization: Bearer <key>'.", "invalid_request_error", null, "invalid_api_key"));

    public static OpenAIErrorResult RateLimited(string message, int retryAfterSeconds) =>
        new OpenAIErrorResult(StatusCodes.Status429TooManyRequests, new ErrorBody(message, "requests", null, "rate_limit_exceeded"))
            .WithHeader("Retry-After", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithHeader("retry-after-ms", (retryAfterSeconds * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static OpenAIErrorResult ServerError(int statusCode, string message) =>
        new(statusCode, new ErrorBody(message, statusCode == StatusCodes.Status503ServiceUnavailable ? "service_unavailable" : "server_error", null,
            statusCode == StatusCodes.Status503ServiceUnavailable ? "service_unavailable" : "internal_error"));

    public static OpenAIErrorResult PayloadTooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, new ErrorBody(
            $"The request body is larger than this server accepts ({limit} bytes; see ModelServer:MaxRequestBodyBytes).", "invalid_request_error", null, "request_too_large"));
}
