using Microsoft.AspNetCore.Http.Metadata;

namespace LlmReference.ChatApi;

/// <summary>
/// Gives the framework's bare status responses (413 from the body size limit, 415, 404, 405) a <c>detail</c>
/// that tells the client what to change; problems that already carry one are left alone.
/// </summary>
internal static class ProblemDetailsDefaults
{
    public static void Customize(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Detail is not null)
        {
            return;
        }

        var http = context.HttpContext;
        context.ProblemDetails.Detail = context.ProblemDetails.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is { } limit
                ? $"The request body is larger than the {limit} bytes this endpoint accepts."
                : "The request body is larger than this endpoint accepts.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with 'Content-Type: application/json'.",
            StatusCodes.Status404NotFound => $"There is no endpoint at '{http.Request.Path}'.",
            StatusCodes.Status405MethodNotAllowed => $"'{http.Request.Method}' is not allowed on '{http.Request.Path}'.",
            StatusCodes.Status400BadRequest => "The request could not be read.",
            _ => null,
        };
    }
}
