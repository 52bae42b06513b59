using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmReference.LoadGenerator.Tests.Fakes;

/// <summary>
/// A real loopback HTTP server (Kestrel, random port) posing as FraudService's score endpoint. When the
/// <c>stallAt</c>-th request arrives it stops answering for <c>pause</c>: every request that arrives meanwhile, the
/// triggering one included, is held until the pause ends — a GC pause, a failover, a stuck lock.
/// </summary>
internal sealed class StallingFraudTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly int _stallAt;
    private readonly TimeSpan _pause;
    private readonly Lock _lock = new();
    private int _arrivals;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    private StallingFraudTarget(int stallAt, TimeSpan pause)
    {
        (_stallAt, _pause) = (stallAt, pause);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/api/fraud/score", (Delegate)ScoreAsync);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public int Arrivals => Volatile.Read(ref _arrivals);

    public static async Task<StallingFraudTarget> StartAsync(int stallAt, TimeSpan pause)
    {
        var target = new StallingFraudTarget(stallAt, pause);
        await target._app.StartAsync();
        var address = target._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        target.BaseAddress = new Uri(address + "/");
        return target;
    }

    private async Task<IResult> ScoreAsync(HttpContext context)
    {
        DateTimeOffset until;
        lock (_lock)
        {
            if (++_arrivals == _stallAt)
            {
                _pausedUntil = DateTimeOffset.UtcNow + _pause;
            }

            until = _pausedUntil;
        }

        var wait = until - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, context.RequestAborted);
        }

        return Results.Json(new { transactionId = $"t-{Guid.NewGuid():N}" });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
