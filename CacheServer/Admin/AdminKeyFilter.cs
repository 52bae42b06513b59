using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LlmReference.CacheServer.Admin;

/// <summary>
/// Guards <c>/admin</c> the way ModelServer's admin API is guarded: 403 problem when no <c>CacheServer:AdminKey</c> is
/// configured (the admin API is off), 401 problem when the <c>X-Admin-Key</c> header is missing or wrong. The key is
/// compared in constant time and never logged.
/// </summary>
internal sealed class AdminKeyFilter(IOptions<CacheServerOptions> options, ILogger<AdminKeyFilter> logger) : IEndpointFilter
{
    public const string HeaderName = "X-Admin-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.Value.AdminKey;
        if (string.IsNullOrEmpty(expected))
        {
            Log.AdminDisabled(logger, context.HttpContext.Request.Path);
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                title: "Admin API disabled",
                detail: "The admin API is disabled because no admin key is configured. Set CacheServer:AdminKey (CacheServer__AdminKey) to enable it.",
                statusCode: StatusCodes.Status403Forbidden));
        }

        var presented = context.HttpContext.Request.Headers[HeaderName].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
        {
            Log.AdminKeyRejected(logger, context.HttpContext.Request.Path, presented.Length == 0);
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                title: "Admin key required",
                detail: $"Send the admin key in the {HeaderName} header.",
                statusCode: StatusCodes.Status401Unauthorized));
        }

        return next(context);
    }
}
