using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Feedback;

public static class FeedbackServiceExtensions
{
    /// <summary>
    /// Registers <see cref="FeedbackOptions"/>, the Redis-backed <see cref="ResponseLog"/> and <see cref="FeedbackStore"/>
    /// (both need an <c>IConnectionMultiplexer</c>) and the feedback metric.
    /// </summary>
    public static TBuilder AddFeedback<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<FeedbackOptions>()
            .BindConfiguration(FeedbackOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FeedbackOptions>, FeedbackOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ResponseLog>();
        builder.Services.AddSingleton<FeedbackStore>();
        // Its instruments live on ChatApi's one Meter (ChatApiMetrics), registered here too so the feature stands alone.
        builder.Services.TryAddSingleton<ChatApiMetrics>();
        builder.Services.AddSingleton<FeedbackMetrics>();
        return builder;
    }
}
