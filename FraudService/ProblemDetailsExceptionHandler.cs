using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using StackExchange.Redis;

namespace LlmReference.FraudService;

/// <summary>
/// Turns request-reading failures (malformed JSON, unknown fields, wrong types, oversized or missing bodies) and an
/// unreachable cache into problem details with a useful <c>detail</c>, instead of an empty 400 or a 500.
/// Minimal APIs throw these only with <c>RouteHandlerOptions.ThrowOnBadRequest</c>, which the service turns on.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (StatusCodes.Status400BadRequest, "Invalid JSON", Describe(json)),
            BadHttpRequestException bad => (bad.StatusCode, ReasonPhrases.GetReasonPhrase(bad.StatusCode), Describe(bad)),
            RedisException or RedisTimeoutException => (StatusCodes.Status503ServiceUnavailable, "Transaction store unavailable",
                "The transaction store (cache) did not answer; retry later."),
            _ => (0, "", ""),
        };

        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }

    // System.Text.Json's messages name .NET types; callers know JSON fields, not our classes.
    private static string Describe(JsonException json)
    {
        var path = json.Path is { Length: > 0 } p ? p : "$";
        var message = json.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"Unknown field '{path.TrimStart('$', '.')}': this endpoint does not accept it.";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return path == "$"
                ? "The request body must be a JSON object."
                : $"The value of '{path.TrimStart('$', '.')}' has the wrong JSON type or format.";
        }

        // A syntax error: the reader's message names no types, only what it expected.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return $"The request body is not valid JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}): {(cut >= 0 ? message[..cut] : message)}";
    }

    // The framework's wording is aimed at developers of the service ("Did you mean to use a Service instead?").
    private static string Describe(BadHttpRequestException bad)
    {
        if (bad.Message.Contains("no body was provided", StringComparison.Ordinal) || bad.Message.StartsWith("Required parameter", StringComparison.Ordinal))
        {
            return "A JSON request body is required.";
        }

        var bind = BindFailure().Match(bad.Message);
        return bind.Success ? $"'{bind.Groups[1].Value}' has an invalid value '{bind.Groups[2].Value}'." : bad.Message;
    }

    [GeneratedRegex("""^Failed to bind parameter "(?:[^"]* )?(\w+)" from "(.*)"\.$""")]
    private static partial Regex BindFailure();
}
