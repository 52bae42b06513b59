using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace LlmReference.ChatApi;

/// <summary>
/// Turns the framework's request-binding failures (malformed JSON, unknown fields, oversized body, wrong content
/// type) into problem details that say what was wrong, instead of an empty 400 or a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var status = badRequest.StatusCode;
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = status == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Invalid request",
                Detail = Describe(badRequest),
            },
        });
    }

    private static string Describe(BadHttpRequestException exception) => exception switch
    {
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => "The request body is larger than this endpoint accepts.",
        { InnerException: JsonException json } => $"The request body is not valid JSON for this endpoint: {json.Message}",
        { InnerException: BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } } =>
            "The request body is larger than this endpoint accepts.",
        _ => exception.Message,
    };
}
