using System.Net.Http.Json;
using System.Text.Json;
using LlmReference.LoadGenerator.Control;
using LlmReference.LoadGenerator.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LlmReference.LoadGenerator.Tests.Control;

/// <summary>
/// The load generator in serve mode, exactly as <c>LoadGenerator serve</c> builds it (ServiceDefaults included), on a
/// real loopback port, with the target given the way the AppHost gives it (<c>services:chatapi:http:0</c>). Its
/// client is plain: no retries, so every answer the control API gives is seen.
/// </summary>
internal sealed class ControlHost : IAsyncDisposable
{
    private ControlHost(WebApplication app, Uri address)
    {
        App = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(1) };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    /// <param name="settings">Extra configuration as <c>Key=value</c> (e.g. <c>LoadHost:SteadyRate=5</c>).</param>
    public static async Task<ControlHost> StartAsync(LoopbackTarget target, params string[] settings)
    {
        var app = LoadHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--services:chatapi:http:0={target.BaseAddress}",
            $"--services:fraud:http:0={target.BaseAddress}",
            .. settings.Select(s => "--" + s),
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ControlHost(app, new Uri(address + "/"));
    }

    public async Task<JsonElement> StatusAsync() => await Client.GetFromJsonAsync<JsonElement>("load");

    /// <summary>Polls the status until <paramref name="condition"/> holds; fails with the last status after 30 s.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var status = await StatusAsync();
        while (!condition(status))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not seen within 30 s: {what}. Last status: {status}");
            await Task.Delay(100);
            status = await StatusAsync();
        }

        return status;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
