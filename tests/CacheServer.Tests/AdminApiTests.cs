using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LlmReference.CacheServer.Tests;

/// <summary>
/// <c>/admin/cache</c>: a pause refuses RESP connections and keeps the data, a resume (asked for, or at the end of
/// the pause) serves it again, a flush erases it for good; bad input and a missing key get problem details.
/// </summary>
[Collection(CacheServerCollection.Name)]
public sealed partial class AdminApiTests
{
    [Fact]
    public async Task PauseRefusesConnectionsAndResumeServesTheSameData()
    {
        using var data = new TempDirectory();
        await using var server = await CacheServerProcess.StartAsync(data.Path);
        using var admin = server.CreateAdminClient();
        await PersistenceTests.WriteSampleAsync(server, "paused");

        var paused = await PostAsync(admin, "/admin/cache/pause?seconds=300");
        Assert.Equal("paused", paused.GetProperty("state").GetString());
        Assert.True(paused.GetProperty("pausedUntil").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddSeconds(200));
        Assert.Equal(JsonValueKind.Null, paused.GetProperty("keys").ValueKind);

        // Refused, not hung: a client learns at once that the cache is away.
        var refused = await Assert.ThrowsAsync<SocketException>(() => ConnectRawAsync(server.RespPort));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        using (var health = await admin.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }

        Assert.Matches(PausedGauge(1), await admin.GetStringAsync("/metrics"));

        var resumed = await PostAsync(admin, "/admin/cache/resume");
        Assert.Equal("serving", resumed.GetProperty("state").GetString());
        Assert.Equal(3, resumed.GetProperty("keys").GetInt64());
        await PersistenceTests.AssertSampleAsync(server, "paused");
        Assert.Matches(PausedGauge(0), await ScrapeUntilAsync(admin, PausedGauge(0)));
    }

    /// <summary>
    /// The Prometheus exporter answers repeated scrapes from a cached response for a moment (300 ms by default), so a
    /// scrape right after a change may still show the value before it: scrape until it matches, for at most 10 s.
    /// </summary>
    private static async Task<string> ScrapeUntilAsync(HttpClient admin, Regex pattern)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var scraped = await admin.GetStringAsync("/metrics");
            if (pattern.IsMatch(scraped) || DateTime.UtcNow > deadline)
            {
                return scraped;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task APauseEndsByItself()
    {
        using var data = new TempDirectory();
        await using var server = await CacheServerProcess.StartAsync(data.Path);
        using var admin = server.CreateAdminClient();
        await PersistenceTests.WriteSampleAsync(server, "auto");

        await PostAsync(admin, "/admin/cache/pause?seconds=1");

        // Bounded wait for the one-second pause to end: the bound is the machine's slowness, not the behaviour.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? state;
        do
        {
            await Task.Delay(250);
            state = (await admin.GetFromJsonAsync<JsonElement>("/admin/cache")).GetProperty("state").GetString();
        }
        while (state != "serving" && DateTime.UtcNow < deadline);

        Assert.Equal("serving", state);
        await PersistenceTests.AssertSampleAsync(server, "auto");
    }

    [Fact]
    public async Task FlushErasesEveryKeyForGood()
    {
        using var data = new TempDirectory();
        await using (var server = await CacheServerProcess.StartAsync(data.Path))
        {
            using var admin = server.CreateAdminClient();
            await PersistenceTests.WriteSampleAsync(server, "flushed");

            var flushed = await PostAsync(admin, "/admin/cache/flush");
            Assert.Equal(0, flushed.GetProperty("keys").GetInt64());
            await server.KillAsync();
        }

        // FLUSHALL went through the AOF: replaying it after a restart does not bring the keys back.
        await using var restarted = await CacheServerProcess.StartAsync(data.Path);
        using var redis = await restarted.ConnectAsync();
        Assert.False(await redis.GetDatabase().KeyExistsAsync("flushed:string"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("601")]
    [InlineData("abc")]
    public async Task APauseOutOfRangeIsAValidationProblem(string seconds)
    {
        using var data = new TempDirectory();
        await using var server = await CacheServerProcess.StartAsync(data.Path);
        using var admin = server.CreateAdminClient();

        using var response = await admin.PostAsync($"/admin/cache/pause?seconds={seconds}", content: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("600", problem.GetProperty("errors").GetProperty("seconds")[0].GetString(), StringComparison.Ordinal);
        // Nothing was paused.
        Assert.Equal("serving", (await admin.GetFromJsonAsync<JsonElement>("/admin/cache")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task TheAdminApiNeedsTheKey()
    {
        using var data = new TempDirectory();
        await using var server = await CacheServerProcess.StartAsync(data.Path);
        using var anonymous = new HttpClient { BaseAddress = server.AdminUri };

        using var response = await anonymous.PostAsync("/admin/cache/flush", content: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("X-Admin-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> PostAsync(HttpClient admin, string path)
    {
        using var response = await admin.PostAsync(path, content: null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} returned {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task ConnectRawAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
    }

    private static Regex PausedGauge(int value) => new($"(?m)^cache_server_paused(\\{{[^}}]*\\}})? {value}( |$)");
}
