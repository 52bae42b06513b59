using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Guardrails;

public static class GuardrailServiceExtensions
{
    /// <summary>Registers the <c>Guardrails</c> policy (validated at start), its metric and <see cref="IGuardrailPolicy"/>.</summary>
    public static TBuilder AddGuardrails<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<GuardrailOptions>()
            .BindConfiguration(GuardrailOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GuardrailOptions>, GuardrailOptionsValidator>();
        // Its instruments live on ChatApi's one Meter (ChatApiMetrics), registered here too so the feature stands alone.
        builder.Services.TryAddSingleton<ChatApiMetrics>();
        builder.Services.AddSingleton<GuardrailMetrics>();
        builder.Services.AddSingleton<GuardrailPolicy>();
        builder.Services.AddSingleton<IGuardrailPolicy>(services => services.GetRequiredService<GuardrailPolicy>());
        return builder;
    }
}
