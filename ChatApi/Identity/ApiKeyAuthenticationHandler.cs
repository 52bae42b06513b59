using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Identity;

/// <summary>
/// Identifies the caller from <c>X-Api-Key</c> (or <c>Authorization: Bearer</c>) against the hashed keys in
/// <see cref="ApiKeyOptions"/>, or, when allowed (development), from <c>X-User-Id</c>. Challenges are 401 problem details.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyOptions> apiKeys,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string UserIdHeader = "X-User-Id";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var options = apiKeys.CurrentValue;
        if (PresentedKey() is { } key)
        {
            var entry = options.ApiKeys.FirstOrDefault(e => ApiKeyHasher.Matches(key, e.KeyHash));
            if (entry is null)
            {
                Log.InvalidApiKey(Logger, Context.Connection.RemoteIpAddress?.ToString());
                return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
            }

            return Task.FromResult(Success(entry.UserId, "api-key"));
        }

        if (options.AllowUserIdHeader && Request.Headers[UserIdHeader].ToString() is { Length: > 0 } userId)
        {
            return Task.FromResult(UserId.IsValid(userId)
                ? Success(userId, "user-id-header")
                : AuthenticateResult.Fail($"The {UserIdHeader} header must be 1-64 characters of letters, digits, '-' or '_'."));
        }

        return Task.FromResult(AuthenticateResult.NoResult());
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message ?? (apiKeys.CurrentValue.AllowUserIdHeader
            ? $"Send an API key in the {ApiKeyHeader} header, or a user id in {UserIdHeader} (development only)."
            : $"Send an API key in the {ApiKeyHeader} header.");

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{ApiKeyHeader}\"";
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Unauthorized", Detail = detail },
        });
    }

    private string? PresentedKey()
    {
        if (Request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } key)
        {
            return key;
        }

        var authorization = Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7 ? authorization[7..].Trim() : null;
    }

    private AuthenticateResult Success(string userId, string method)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, userId), new Claim(ClaimTypes.AuthenticationMethod, method)],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
