using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmReference.LoadGenerator.Tests.Fakes;

/// <summary>How <see cref="LoopbackTarget"/> answers every request.</summary>
internal enum TargetBehaviour
{
    /// <summary>200 with the fields the scenarios read.</summary>
    Answer,

    /// <summary>500, every time: what a retrying client would hide.</summary>
    Fail,

    /// <summary>Never answers; holds each request until the client gives up.</summary>
    Hang,
}

/// <summary>
/// A real loopback HTTP server (Kestrel, random port) posing as both ChatApi (<c>/api/chat</c>) and FraudService
/// (<c>/api/fraud/score</c>, <c>/api/fraud/labels</c>), counting every request that reaches it.
/// </summary>
internal sealed class LoopbackTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TargetBehaviour _behaviour;
    private int _arrivals;
    private int _abandoned;

    private LoopbackTarget(TargetBehaviour behaviour)
    {
        _behaviour = behaviour;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/api/chat", (Delegate)((HttpContext context) => AnswerAsync(context, new { sessionId = $"s-{Guid.NewGuid():N}", reply = "ok" })));
        _app.MapPost("/api/fraud/score", (Delegate)((HttpContext context) => AnswerAsync(context, new { transactionId = $"t-{Guid.NewGuid():N}" })));
        _app.MapPost("/api/fraud/labels", (Delegate)((HttpContext context) => AnswerAsync(context, new { })));
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The <c>X-Api-Key</c> header of each <c>/api/fraud</c> request that arrived ("" when it had none).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> FraudApiKeys { get; } = new();

    /// <summary>Requests that reached the server.</summary>
    public int Arrivals => Volatile.Read(ref _arrivals);

    /// <summary>Held requests whose client went away (cancelled) before an answer.</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

    public static async Task<LoopbackTarget> StartAsync(TargetBehaviour behaviour)
    {
        var target = new LoopbackTarget(behaviour);
        await target._app.StartAsync();
        var address = target._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        target.BaseAddress = new Uri(address + "/");
        return target;
    }

    private async Task<IResult> AnswerAsync(HttpContext context, object body)
    {
        Interlocked.Increment(ref _arrivals);
        if (context.Request.Path.StartsWithSegments("/api/fraud"))
        {
            FraudApiKeys.Enqueue(context.Request.Headers["X-Api-Key"].ToString());
        }

        switch (_behaviour)
        {
            case TargetBehaviour.Fail:
                return Results.Problem(statusCode: StatusCodes.Status500InternalServerError, detail: "Injected by the test target.");
            case TargetBehaviour.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref _abandoned);
                }

                return Results.Empty;
            default:
                return Results.Json(body);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
