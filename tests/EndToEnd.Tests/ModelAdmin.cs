using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// Direct access to one model deployment: its <c>/admin</c> API (fault state with parameters the dashboard commands do
/// not send, e.g. a 20 % error rate) and plain <c>/v1</c> calls that bypass ChatApi, so a test sees exactly what the
/// deployment answers.
/// </summary>
public sealed class ModelAdmin(AppHostFixture fixture, string deployment) : IDisposable
{
    private readonly HttpClient _client = fixture.CreateClient(deployment, userId: null);

    public string Deployment { get; } = deployment;

    /// <summary>The model the deployment serves (the AppHost gives each deployment its own).</summary>
    public string Model => Deployment == "model" ? "bank-assist-large" : "bank-assist-small";

    /// <summary><c>POST /admin/faults/{mode}</c> with parameters, e.g. <c>new { rate = 0.2 }</c>.</summary>
    public async Task SetFaultAsync(string mode, object parameters)
    {
        using var request = await AdminRequestAsync(HttpMethod.Post, $"/admin/faults/{mode}");
        request.Content = JsonContent.Create(parameters);
        using var response = await _client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{mode} on {Deployment}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary><c>GET /admin/faults</c>: the deployment's own view of which faults are on, with their settings.</summary>
    public async Task<JsonElement> GetFaultsAsync()
    {
        using var request = await AdminRequestAsync(HttpMethod.Get, "/admin/faults");
        using var response = await _client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The fault modes switched on, as the deployment reports them.</summary>
    public async Task<IReadOnlyList<string>> ActiveFaultsAsync() =>
        [.. (await GetFaultsAsync()).GetProperty("active").EnumerateArray().Select(m => m.GetString()!)];

    /// <summary>The <c>/v1</c> requests the deployment recorded, newest last or first as the journal keeps them.</summary>
    public async Task<IReadOnlyList<JsonElement>> RequestsAsync()
    {
        using var request = await AdminRequestAsync(HttpMethod.Get, "/admin/requests");
        using var response = await _client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var root = await response.Content.ReadFromJsonAsync<JsonElement>();
        var items = root.ValueKind == JsonValueKind.Array
            ? root
            : root.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value;
        return [.. items.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>One short chat completion straight to the deployment (one output token: the call costs little time).</summary>
    public async Task<(HttpStatusCode Status, TimeSpan Elapsed, HttpResponseMessage Response)> CompleteAsync(string message = "hello")
    {
        var clock = Stopwatch.StartNew();
        var response = await _client.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = Model,
            messages = new[] { new { role = "user", content = message } },
            max_tokens = 1,
        });
        await response.Content.LoadIntoBufferAsync();
        return (response.StatusCode, clock.Elapsed, response);
    }

    public void Dispose() => _client.Dispose();

    private async Task<HttpRequestMessage> AdminRequestAsync(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Admin-Key", await fixture.GetModelAdminKeyAsync());
        return request;
    }
}
