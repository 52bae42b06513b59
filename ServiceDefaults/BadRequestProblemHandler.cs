using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Turns request-reading failures (malformed JSON, unknown fields, wrong types, oversized or missing bodies) into
/// problem details whose <c>detail</c> names the JSON field at fault, instead of an empty 400 or a 500.
/// </summary>
public sealed partial class BadRequestProblemHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        // A body over the limit can surface wrapped in the binding failure.
        var status = bad.InnerException is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            ? StatusCodes.Status413PayloadTooLarge
            : bad.StatusCode;
        var (title, detail) = (status, bad.InnerException) switch
        {
            (StatusCodes.Status413PayloadTooLarge, _) => ("Request body too large", null),
            (_, JsonException json) => ("Invalid JSON", Describe(json)),
            _ => (ReasonPhrases.GetReasonPhrase(status), Describe(bad)),
        };

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            // A null detail is filled in from the endpoint's size limit (see AddRequestProblemDetails).
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
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

    // The framework's wording is aimed at the service's developers ("Did you mean to use a Service instead?").
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
