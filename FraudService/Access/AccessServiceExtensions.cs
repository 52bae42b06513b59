using Microsoft.AspNetCore.Authentication;

namespace LlmReference.FraudService.Access;

public static class AccessServiceExtensions
{
    /// <summary>The authorization policy every <c>/api/fraud</c> group requires: a caller with the API key.</summary>
    public const string FraudApiPolicy = "fraud-api";

    /// <summary>
    /// API-key authentication (<see cref="ApiKeyAuthenticationHandler"/>) and the <see cref="FraudApiPolicy"/> policy.
    /// Health, <c>/alive</c>, <c>/slo</c> and <c>/metrics</c> require nothing: orchestrators and Prometheus probe them.
    /// </summary>
    public static IHostApplicationBuilder AddFraudAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FraudAccessOptions>().BindConfiguration(FraudAccessOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(FraudApiPolicy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>Only callers with the API key reach these endpoints; others get 401 problem details before anything runs.</summary>
    public static TBuilder RequireFraudApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(FraudApiPolicy);
}
