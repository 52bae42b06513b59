using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace LlmReference.ServiceDefaults.Tests.Slo;

/// <summary>
/// A minimal service on the test server with the real <c>AddServiceDefaults</c>/<c>MapDefaultEndpoints</c>, its SLO
/// specs written to a temporary folder, and a fake clock.
/// </summary>
internal sealed class SloHost : IAsyncDisposable
{
    private readonly string _directory;

    private SloHost(WebApplication app, string directory)
    {
        App = app;
        _directory = directory;
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero));

    public HttpClient Client => App.GetTestClient();

    /// <summary>Builds (not starts) a host; <paramref name="yaml"/> null leaves the spec folder empty.</summary>
    public static SloHost Create(string? service, string? yaml, IDictionary<string, string?>? settings = null)
    {
        var directory = Directory.CreateTempSubdirectory("slo-tests-").FullName;
        if (yaml is not null)
        {
            File.WriteAllText(Path.Combine(directory, "svc.yaml"), yaml);
        }

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Slo:Service"] = service;
        builder.Configuration["Slo:SpecDirectory"] = directory;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }

        builder.AddServiceDefaults();
        FakeTimeProvider? time = null;
        builder.Services.AddSingleton<TimeProvider>(_ => time!);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        var host = new SloHost(app, directory);
        time = host.Time;
        return host;
    }

    /// <summary>The service's request counter, on the host's own meter factory as a real service's would be.</summary>
    public Counter<long> Requests() =>
        App.Services.GetRequiredService<IMeterFactory>().Create("Svc").CreateCounter<long>("svc.requests", "{request}");

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
