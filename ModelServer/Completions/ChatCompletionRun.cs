using System.Diagnostics;
using LlmReference.ModelServer.Admin;
using LlmReference.ModelServer.Faults;
using LlmReference.ModelServer.Latency;
using LlmReference.ModelServer.Wire;
using LlmReference.ModelServer.Telemetry;
using static LlmReference.ModelServer.Telemetry.ModelServerTelemetry;

namespace LlmReference.ModelServer.Completions;

/// <summary>
/// One completion being generated: emits its token pieces on the latency plan's schedule (stalling if slow-stream is on),
/// then records time to first token, time per output token, token usage and the generation span's response attributes.
/// Streaming and non-streaming responses both run through it, so both take realistic time.
/// </summary>
internal sealed class ChatCompletionRun(
    ValidatedChatRequest request,
    Generation generation,
    ShapedCompletion shaped,
    int promptTokens,
    string responseModel,
    LatencyPlan plan,
    RequestContext requestContext,
    Activity? activity,
    CompletionServices services)
{
    public string Id { get; } = "chatcmpl-" + Guid.NewGuid().ToString("N")[..24];

    public long Created { get; } = services.TimeProvider.GetUtcNow().ToUnixTimeSeconds();

    public string Model => responseModel;

    public string SystemFingerprint { get; } = Fingerprint(responseModel, services.Options.Value.Deployment);

    public ValidatedChatRequest Request => request;

    public Generation Generation => generation;

    public ShapedCompletion Shaped => shaped;

    public Usage Usage => new(promptTokens, shaped.CompletionTokens);

    /// <summary>Emits every piece when it is due; <paramref name="emit"/> gets the piece's index and text.</summary>
    public async Task GenerateAsync(Func<int, string, Task> emit, CancellationToken cancellationToken)
    {
        var timeProvider = services.TimeProvider;
        var pacer = new Pacer(plan, timeProvider);
        // Taken before the fault state, so that a heal after this point releases the stall even if the stream only
        // reaches it later (a heal cancels this token; the controller's next token is a new one).
        var healed = services.Faults.HealedToken;
        var slowStream = services.Faults.Current.SlowStream;
        var stallAt = slowStream is null ? -1 : Math.Min(slowStream.AfterTokens, Math.Max(0, shaped.Pieces.Count - 1));
        TimeSpan? firstToken = null;
        TimeSpan lastToken = default;

        try
        {
            for (var i = 0; i < shaped.Pieces.Count; i++)
            {
                if (i == stallAt)
                {
                    await StallAsync(slowStream!, pacer, healed, cancellationToken);
                }

                await pacer.WaitForTokenAsync(i, cancellationToken);
                await emit(i, shaped.Pieces[i]);
                lastToken = timeProvider.GetElapsedTime(requestContext.StartTimestamp);
                firstToken ??= lastToken;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            requestContext.ErrorType = "client_closed";
            activity?.SetStatus(ActivityStatusCode.Error, "The client closed the connection during generation.");
            activity?.SetTag(Attributes.ErrorType, requestContext.ErrorType);
            throw;
        }

        firstToken ??= timeProvider.GetElapsedTime(requestContext.StartTimestamp);
        TimeSpan? perToken = shaped.Pieces.Count > 1 ? (lastToken - firstToken.Value) / (shaped.Pieces.Count - 1) : null;
        services.Metrics.RecordGeneration(Operations.Chat, responseModel, firstToken.Value, perToken);
        services.Metrics.RecordTokens(Operations.Chat, responseModel, promptTokens, shaped.CompletionTokens);
        requestContext.ResponseModel = responseModel;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(Attributes.ResponseId, Id);
            activity.SetTag(Attributes.ResponseModel, responseModel);
            activity.SetTag(Attributes.ResponseFinishReasons, new[] { shaped.FinishReason });
            activity.SetTag(Attributes.UsageInputTokens, promptTokens);
            activity.SetTag(Attributes.UsageOutputTokens, shaped.CompletionTokens);
            activity.SetTag(Attributes.KnowledgeEntry, generation.EntryId);
            activity.SetTag(Attributes.ToolName, generation.ToolCall?.Name);
            services.ContentCapture.RecordOutput(activity, generation, shaped);
        }

        Log.CompletionServed(services.Logger, services.Options.Value.Deployment, responseModel, request.Stream, promptTokens, shaped.CompletionTokens, shaped.FinishReason);
    }

    /// <summary>The whole answer as one response (non-streaming).</summary>
    public ChatCompletionResponse ToResponse()
    {
        var message = generation.ToolCall is { } call
            ? new AssistantMessage(null, [new ToolCall { Id = call.Id, Type = "function", Function = new FunctionCall { Name = call.Name, Arguments = call.Arguments } }])
            : new AssistantMessage(string.Concat(shaped.Pieces), null);
        return new ChatCompletionResponse(Id, Created, responseModel, SystemFingerprint, [new ChatChoice(0, message, shaped.FinishReason)], Usage);
    }

    /// <summary>The chunk that carries piece <paramref name="index"/>; the first also carries the role (and the tool call's id and name).</summary>
    public ChatCompletionChunk ChunkFor(int index, string piece)
    {
        var role = index == 0 ? "assistant" : null;
        var delta = generation.ToolCall is { } call
            ? new ChunkDelta(role, null, [index == 0
                ? new ToolCall { Index = 0, Id = call.Id, Type = "function", Function = new FunctionCall { Name = call.Name, Arguments = piece } }
                : new ToolCall { Index = 0, Function = new FunctionCall { Arguments = piece } }])
            : new ChunkDelta(role, piece, null);
        return Chunk([new ChunkChoice(0, delta, null)], null);
    }

    public ChatCompletionChunk FinishChunk() =>
        Chunk([new ChunkChoice(0, new ChunkDelta(shaped.Pieces.Count == 0 ? "assistant" : null, null, null), shaped.FinishReason)], null);

    public ChatCompletionChunk UsageChunk() => Chunk([], Usage);

    private ChatCompletionChunk Chunk(IReadOnlyList<ChunkChoice> choices, Usage? usage) =>
        new(Id, Created, responseModel, SystemFingerprint, choices, usage);

    private async Task StallAsync(SlowStreamFault fault, Pacer pacer, CancellationToken healed, CancellationToken cancellationToken)
    {
        services.Metrics.RecordFaultInjection(FaultMode.SlowStream);
        var started = services.TimeProvider.GetTimestamp();
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, healed);
        try
        {
            await Task.Delay(fault.StallMs is { } ms ? TimeSpan.FromMilliseconds(ms) : Timeout.InfiniteTimeSpan, services.TimeProvider, stall.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Healed: the stream resumes.
        }

        pacer.Shift(services.TimeProvider.GetElapsedTime(started));
    }

    private static string Fingerprint(string model, string deployment)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in model + "/" + deployment)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return "fp_" + hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)[..10];
    }
}
