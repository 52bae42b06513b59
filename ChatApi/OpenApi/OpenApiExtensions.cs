using Scalar.AspNetCore;

namespace LlmReference.ChatApi.OpenApi;

public static class OpenApiExtensions
{
    /// <summary>The OpenAPI document of every endpoint (Microsoft.AspNetCore.OpenApi).</summary>
    public static TBuilder AddChatApiOpenApi<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "LlmReference ChatApi";
            document.Info.Description = "Banking-support chat over an LLM: plain and streamed chat, feedback. " +
                "Authenticate with X-Api-Key (or X-User-Id in development).";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>
    /// In development only: the document at <c>/openapi/v1.json</c> and an interactive reference at <c>/scalar</c>
    /// (served from the package, no internet needed).
    /// </summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
            app.MapScalarApiReference();
        }

        return app;
    }
}
