using System.Diagnostics;
using System.Globalization;
using LlmReference.ModelServer.Admin;
using LlmReference.ModelServer.Limits;
using LlmReference.ModelServer.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using static LlmReference.ModelServer.Telemetry.ModelServerTelemetry;

namespace LlmReference.ModelServer.Completions;

/// <summary><c>POST /v1/chat/completions</c>, streaming and non-streaming.</summary>
internal static class ChatCompletionsApi
{
    public static RouteGroupBuilder MapChatCompletionsApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/chat/completions", CreateChatCompletion);
        return v1;
    }

    private static async Task<Results<JsonHttpResult<ChatCompletionResponse>, ChatCompletionStreamResult, OpenAIErrorResult>> CreateChatCompletion(
        HttpContext context, [AsParameters] CompletionServices services)
    {
        var requestContext = RequestContext.Of(context) ?? RequestContext.Start(context, services.TimeProvider.GetTimestamp());
        var (body, readError) = await WireBody.ReadAsync(context, WireJsonContext.Default.ChatCompletionRequest, services.Options);
        if (readError is not null)
        {
            return readError;
        }

        requestContext.Model = body!.Model;
        requestContext.Stream = body.Stream ?? false;
        var options = services.Options.Value;
        var (request, invalid) = ChatRequestValidator.Validate(body, options);
        if (invalid is not null)
        {
            return invalid;
        }

        if (!string.Equals(request!.Model, options.Model, StringComparison.OrdinalIgnoreCase))
        {
            return string.Equals(request.Model, options.EmbeddingModel, StringComparison.OrdinalIgnoreCase)
                ? OpenAIErrors.WrongKindOfModel(request.Model, "v1/chat/completions")
                : OpenAIErrors.ModelNotFound(request.Model);
        }

        var profile = options.GetServedProfile();
        var promptTokens = services.Tokens.CountPrompt(request.Messages, request.Tools);
        var requested = promptTokens + (request.MaxTokens ?? 0);
        if (requested > profile.ContextWindowTokens)
        {
            Log.ContextLengthExceeded(services.Logger, options.Model, requested, profile.ContextWindowTokens);
            return OpenAIErrors.ContextLengthExceeded(profile.ContextWindowTokens, promptTokens, request.MaxTokens ?? 0);
        }

        var quota = services.RateLimiter.TryAcquire(promptTokens, request.MaxTokens);
        RateLimitHeaders.Write(context.Response.Headers, quota);
        if (!quota.Allowed)
        {
            var retryAfter = Math.Max(1, (int)Math.Ceiling(quota.RetryAfter.TotalSeconds));
            Log.RateLimited(services.Logger, options.Deployment, quota.ExhaustedQuota!, retryAfter);
            return OpenAIErrors.RateLimited(
                $"Rate limit reached for {options.Model} on deployment '{options.Deployment}' on {quota.ExhaustedQuota} per min: " +
                $"limit {(quota.ExhaustedQuota == "tokens" ? quota.TokenLimit : quota.RequestLimit)}. Please try again in {retryAfter}s.",
                retryAfter);
        }

        context.Response.Headers["x-request-id"] = "req_" + Guid.NewGuid().ToString("N");
        var activity = StartActivity(request, options);
        services.ContentCapture.RecordInput(activity, request.Messages);
        var generation = services.Generator.Generate(request);
        var shaped = CompletionShaper.Shape(generation, request, services.Tokens);
        var plan = services.Latency.Plan(profile);
        var run = new ChatCompletionRun(request, generation, shaped, promptTokens, options.Model, plan, requestContext, activity, services);

        if (request.Stream)
        {
            return new ChatCompletionStreamResult(run, activity);
        }

        using (activity)
        {
            await run.GenerateAsync((_, _) => Task.CompletedTask, context.RequestAborted);
        }

        context.Response.Headers["openai-processing-ms"] =
            services.TimeProvider.GetElapsedTime(requestContext.StartTimestamp).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        return TypedResults.Json(run.ToResponse(), WireJsonContext.Default.ChatCompletionResponse);
    }

    /// <summary>The generation span, a child of ASP.NET Core's server span (which continues the caller's trace).</summary>
    private static Activity? StartActivity(ValidatedChatRequest request, ModelServerOptions options)
    {
        var activity = Source.StartActivity($"{Operations.Chat} {request.Model}", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(Attributes.OperationName, Operations.Chat);
            activity.SetTag(Attributes.ProviderName, ProviderName);
            activity.SetTag(Attributes.RequestModel, request.Model);
            activity.SetTag(Attributes.Deployment, options.Deployment);
            activity.SetTag(Attributes.RequestStream, request.Stream);
            activity.SetTag(Attributes.RequestSeed, request.Seed);
            if (request.MaxTokens is { } maxTokens)
            {
                activity.SetTag(Attributes.RequestMaxTokens, maxTokens);
            }

            if (request.Temperature is { } temperature)
            {
                activity.SetTag(Attributes.RequestTemperature, temperature);
            }
        }

        return activity;
    }
}
