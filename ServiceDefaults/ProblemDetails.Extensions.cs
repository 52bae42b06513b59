using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// RFC 7807 answers for requests the framework rejects before a handler runs: malformed JSON, unknown fields,
    /// wrong types, missing or oversized bodies (via <see cref="BadRequestProblemHandler"/>), and a useful
    /// <c>detail</c> on bare status responses (413, 415, 404, 405). Pair with <c>UseExceptionHandler()</c> and
    /// <c>UseStatusCodePages()</c>. Not for ModelServer, which answers in OpenAI's error shape.
    /// </summary>
    public static TBuilder AddRequestProblemDetails<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Minimal APIs end a binding failure with an empty 400 unless told to throw it to the exception handler.
        builder.Services.Configure<RouteHandlerOptions>(routing => routing.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestProblemHandler>();
        builder.Services.Configure<ProblemDetailsOptions>(problems =>
        {
            problems.CustomizeProblemDetails += DescribeBareStatus;
            problems.CustomizeProblemDetails += AddMissingType;
        });
        return builder;
    }

    /// <summary>
    /// ASP.NET Core's defaults give a <c>type</c> link to most statuses but not to 413 and 429, so a budget or
    /// rate-limit refusal would be the one problem a client cannot tell apart by <c>type</c>. Links as the defaults.
    /// </summary>
    private static void AddMissingType(ProblemDetailsContext context) =>
        context.ProblemDetails.Type ??= context.ProblemDetails.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
            StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
            _ => null,
        };

    /// <summary>Gives the framework's bare status responses a <c>detail</c>; problems that carry one are left alone.</summary>
    private static void DescribeBareStatus(ProblemDetailsContext context)
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
