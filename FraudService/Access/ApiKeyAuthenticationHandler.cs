using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LlmReference.FraudService.Access;

/// <summary>
/// Authenticates a caller that sends the configured key in <c>X-Api-Key</c>; challenges are 401 problem details that
/// say what was missing or wrong. The key is compared in constant time and never logged.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<FraudAccessOptions> access,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "FraudApiKey";

    private const string InvalidKey = "The API key in X-Api-Key is not valid.";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[FraudApiKey.HeaderName].ToString() is not { Length: > 0 } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!Matches(presented, access.CurrentValue.ApiKey))
        {
            Log.InvalidApiKey(Logger, Request.Method, Request.Path, Context.Connection.RemoteIpAddress?.ToString());
            return Task.FromResult(AuthenticateResult.Fail(InvalidKey));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "fraud-api-client")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.None)
        {
            Log.MissingApiKey(Logger, Request.Method, Request.Path);
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{FraudApiKey.HeaderName}\"";
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = result.Failure is not null
                    ? $"{InvalidKey} Nothing was read or changed."
                    : $"The fraud API needs an API key in the {FraudApiKey.HeaderName} header (Fraud:Access:ApiKey). Nothing was read or changed.",
            },
        });
    }

    /// <summary>Constant-time comparison of SHA-256 digests, so neither the key's content nor its length leaks through timing.</summary>
    private static bool Matches(string presented, string expected) =>
        expected.Length > 0 && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
