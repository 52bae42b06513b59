using System.Diagnostics;
using System.Text;
using System.Text.Json;
using LlmReference.ModelServer.Wire;

namespace LlmReference.ModelServer.Completions;

/// <summary>
/// Streams a completion as OpenAI does: <c>text/event-stream</c> with one <c>data: {chunk}\n\n</c> event per token, a
/// finish chunk, a usage chunk when <c>stream_options.include_usage</c> is set, then <c>data: [DONE]</c>. Each event is
/// flushed as it is written so clients see tokens arrive on the latency model's schedule. Owns the generation span.
/// </summary>
internal sealed class ChatCompletionStreamResult(ChatCompletionRun run, Activity? activity) : IResult
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = Encoding.UTF8.GetBytes("data: [DONE]\n\n");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var _ = activity;
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(cancellationToken);

        try
        {
            await run.GenerateAsync((index, piece) => WriteAsync(response, run.ChunkFor(index, piece), cancellationToken), cancellationToken);
            await WriteAsync(response, run.FinishChunk(), cancellationToken);
            if (run.Request.IncludeUsage)
            {
                await WriteAsync(response, run.UsageChunk(), cancellationToken);
            }

            await response.Body.WriteAsync(Done, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away mid-stream; there is nobody left to answer.
        }
    }

    private static async Task WriteAsync(HttpResponse response, ChatCompletionChunk chunk, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(DataPrefix, cancellationToken);
        await JsonSerializer.SerializeAsync(response.Body, chunk, WireJsonContext.Default.ChatCompletionChunk, cancellationToken);
        await response.Body.WriteAsync(EventEnd, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
