using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmReference.ServiceDefaults.Admin;

/// <summary>
/// Guards an admin API: 403 problem when no key is configured (the admin API is off), 401 problem when the
/// <c>X-Admin-Key</c> header is missing or wrong. The key is compared in constant time and never logged.
/// </summary>
/// <param name="expectedKey">Reads the configured key per request, so a reloaded option applies.</param>
/// <param name="setting">The configuration key that sets it, named in the 403's detail.</param>
internal sealed class AdminKeyFilter(Func<IServiceProvider, string?> expectedKey, string setting) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var logger = http.RequestServices.GetRequiredService<ILogger<AdminKeyFilter>>();
        var expected = expectedKey(http.RequestServices);
        if (string.IsNullOrEmpty(expected))
        {
            Log.AdminDisabled(logger, http.Request.Path);
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                title: "Admin API disabled",
                detail: $"The admin API is disabled because no admin key is configured. Set {setting} ({setting.Replace(":", "__", StringComparison.Ordinal)}) to enable it.",
                statusCode: StatusCodes.Status403Forbidden));
        }

        var presented = http.Request.Headers[Microsoft.Extensions.Hosting.Extensions.AdminKeyHeader].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
        {
            Log.AdminKeyRejected(logger, http.Request.Path, presented.Length == 0);
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                title: "Admin key required",
                detail: $"Send the admin key in the {Microsoft.Extensions.Hosting.Extensions.AdminKeyHeader} header.",
                statusCode: StatusCodes.Status401Unauthorized));
        }

        return next(context);
    }
}
