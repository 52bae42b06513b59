using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using LlmReference.ModelServer;
using LlmReference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// The real model server on a real Kestrel port, with latency and rate limits switched off so tests are fast
/// and its admin API (<c>GET /admin/requests</c>) enabled to see what ChatApi actually sent.
/// </summary>
public sealed class ModelServerHost : WebApplicationFactory<ModelServerOptions>
{
    public const string AdminKey = "chatapi-tests-admin";

    private readonly string _deployment;
    private readonly string _model;

    /// <param name="deployment">The deployment name the server reports (<c>model</c> or <c>model-fallback</c>).</param>
    /// <param name="model">The model it serves (a profile in its appsettings.json).</param>
    public ModelServerHost(string deployment = "model", string model = "bank-assist-large")
    {
        _deployment = deployment;
        _model = model;
        Port = GarnetFixture.FreeTcpPort();
        UseKestrel(Port);
        StartServer();
    }

    public int Port { get; }

    /// <summary>Base address without the version segment, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>OpenAI-compatible endpoint, with the version segment a connection string's <c>Endpoint</c> carries.</summary>
    public Uri V1Endpoint => new(BaseAddress, "/v1");

    /// <summary>The connection string the AppHost would pass ChatApi for this server (<c>ConnectionStrings:{deployment}</c>).</summary>
    public string ConnectionString => $"Endpoint={V1Endpoint};Model={_model}";

    /// <summary>Switches a fault mode on through the admin API (<c>POST /admin/faults/{mode}</c>).</summary>
    public async Task SetFaultAsync(string mode, object? parameters = null)
    {
        using var client = AdminClient();
        using var response = await client.PostAsJsonAsync($"/admin/faults/{mode}", parameters ?? new { });
        Assert.True(response.IsSuccessStatusCode, $"fault {mode}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Switches every fault off.</summary>
    public async Task HealAsync()
    {
        using var client = AdminClient();
        using var response = await client.PostAsync("/admin/faults/heal", content: null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The server's journal of recent <c>/v1</c> requests, newest first (recorded when a response completed).</summary>
    public async Task<IReadOnlyList<JsonElement>> RecentRequestsAsync()
    {
        using var client = AdminClient();
        var requests = await client.GetFromJsonAsync<JsonElement>("/admin/requests");
        return [.. requests.EnumerateArray().Select(r => r.Clone())];
    }

    public async Task ClearRequestsAsync()
    {
        using var client = AdminClient();
        using var response = await client.DeleteAsync("/admin/requests");
        response.EnsureSuccessStatusCode();
    }

    private HttpClient AdminClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ModelServer:AdminKey", AdminKey);
        builder.UseSetting("ModelServer:Deployment", _deployment);
        builder.UseSetting("ModelServer:Model", _model);
        var profile = $"ModelServer:Models:{_model}:";
        builder.UseSetting(profile + "TimeToFirstTokenMs", "0");
        builder.UseSetting(profile + "TimeToFirstTokenJitterMs", "0");
        builder.UseSetting(profile + "TokensPerSecond", "0");
        builder.UseSetting(profile + "RequestsPerMinute", "10000000");
        builder.UseSetting(profile + "TokensPerMinute", "1000000000");
    }
}
