using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Identity;

public static class IdentityServiceExtensions
{
    /// <summary>API-key authentication (hashed keys from configuration) and an authorization policy requiring a caller.</summary>
    public static TBuilder AddCallerIdentity<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<ApiKeyOptions>()
            .BindConfiguration(ApiKeyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();

        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        builder.Services.AddAuthorization();

        return builder;
    }
}
