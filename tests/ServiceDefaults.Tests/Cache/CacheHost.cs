using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace LlmReference.ServiceDefaults.Tests.Cache;

/// <summary>
/// A minimal service with the cache client, one <c>RequireCache()</c> endpoint whose handler fails the way the test
/// says, and one endpoint without it. No cache is needed: the breaker only sees what handlers report or throw. The
/// breaker's clock is a <see cref="FakeTimeProvider"/>, so its break duration passes without waiting.
/// </summary>
public sealed class CacheHost : IAsyncDisposable
{
    public const string CachePath = "/cache";
    public const string PlainPath = "/plain";

    private WebApplication _app = null!;
    private int _handlerRuns;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>What the next calls to <see cref="CachePath"/> do.</summary>
    public HandlerBehaviour Behaviour { get; set; } = HandlerBehaviour.Succeed;

    /// <summary>How many times the <see cref="CachePath"/> handler ran.</summary>
    public int HandlerRuns => Volatile.Read(ref _handlerRuns);

    public IServiceProvider Services => _app.Services;

    public HttpClient Client { get; private set; } = null!;

    public static async Task<CacheHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var host = new CacheHost();
        await host.BuildAndStartAsync(settings);
        return host;
    }

    private async Task BuildAndStartAsync(IDictionary<string, string?>? settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:cache"] = "127.0.0.1:1" });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddCacheClient("cache");
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<TimeProvider>(Clock);

        _app = builder.Build();
        // A thrown cache exception becomes a 503 here, as the services' exception handlers do.
        _app.UseExceptionHandler(error => error.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }));
        _app.MapGet(CachePath, (Delegate)HandleAsync).RequireCache();
        _app.MapGet(PlainPath, () => TypedResults.Ok("plain"));
        await _app.StartAsync();
        Client = _app.GetTestClient();
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _handlerRuns);
        switch (Behaviour)
        {
            case HandlerBehaviour.ReportConnectionFailure:
                // What ChatApi does: answer the failure itself, and report it.
                await context.ReportCacheFailureAsync(new RedisConnectionException(ConnectionFailureType.UnableToConnect, "No connection is available"));
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Store unavailable", detail: "reported");
            case HandlerBehaviour.ThrowTimeout:
                throw new RedisTimeoutException("Timeout awaiting response", CommandStatus.Sent);
            case HandlerBehaviour.ThrowServerError:
                throw new RedisServerException("WRONGTYPE Operation against a key holding the wrong kind of value");
            default:
                return TypedResults.Ok("stored");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}

public enum HandlerBehaviour
{
    Succeed,
    ReportConnectionFailure,
    ThrowTimeout,
    ThrowServerError,
}
