using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using LlmReference.ChatApi.Llm;
using LlmReference.ModelServer;
using LlmReference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

// ChatApi's added latency = ChatApi round trip (client side) - the model server's own time for the same request
// (its journal, matched by trace id). The model server answers at zero latency, so what remains is ChatApi: auth,
// validation, Redis history read and write, tokenizer, budget reservation and charge, Semantic Kernel, HTTP hops.
var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400;

await using var garnet = new GarnetFixture();
await garnet.InitializeAsync();
await using var model = new BenchmarkModelServer();
await using var chat = new BenchmarkChatApi(garnet.ConnectionString, model.BaseAddress);
using var client = chat.CreateClient();
client.DefaultRequestHeaders.Add("X-User-Id", "bench-user");
using var admin = new HttpClient { BaseAddress = model.BaseAddress };
admin.DefaultRequestHeaders.Add("X-Admin-Key", BenchmarkModelServer.AdminKey);

Console.WriteLine($"ChatApi added latency, {requests} requests per level, model server at zero latency, {Environment.ProcessorCount} cores");
Console.WriteLine();
Console.WriteLine("| concurrency | requests/s | ChatApi p50 ms | model p50 ms | added p50 ms | added p95 ms | added p99 ms |");
Console.WriteLine("|---|---|---|---|---|---|---|");

await RunAsync(concurrency: 4, count: 100, print: false); // warm-up: JIT, connections, tokenizer
foreach (var concurrency in new[] { 1, 16 })
{
    await RunAsync(concurrency, requests, print: true);
}

async Task RunAsync(int concurrency, int count, bool print)
{
    await admin.DeleteAsync("/admin/requests");
    var samples = new List<(string TraceId, double RoundTripMs)>();
    var next = 0;
    var wall = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
    {
        while (Interlocked.Increment(ref next) <= count)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync("/api/chat", new { message = $"How do I block my card? ({worker}-{next})" });
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            lock (samples)
            {
                samples.Add((body.GetProperty("traceId").GetString()!, elapsed));
            }
        }
    }));
    wall.Stop();

    var journal = await admin.GetFromJsonAsync<JsonElement>("/admin/requests");
    var modelMs = journal.EnumerateArray()
        .Where(r => r.GetProperty("traceId").ValueKind == JsonValueKind.String)
        .GroupBy(r => r.GetProperty("traceId").GetString()!)
        .ToDictionary(g => g.Key, g => g.Sum(r => r.GetProperty("durationMs").GetDouble()));
    var matched = samples.Where(s => modelMs.ContainsKey(s.TraceId)).ToList();
    if (!print)
    {
        return;
    }

    var added = matched.Select(s => s.RoundTripMs - modelMs[s.TraceId]).Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {concurrency} | {count / wall.Elapsed.TotalSeconds:F0} | {Percentile(samples.Select(s => s.RoundTripMs).Order().ToList(), 0.5):F2} | " +
        $"{Percentile(matched.Select(s => modelMs[s.TraceId]).Order().ToList(), 0.5):F2} | {Percentile(added, 0.5):F2} | {Percentile(added, 0.95):F2} | {Percentile(added, 0.99):F2} |"));
}

static double Percentile(List<double> sorted, double p) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

/// <summary>The real model server on Kestrel, answering at once, with a journal big enough for a whole level.</summary>
internal sealed class BenchmarkModelServer : WebApplicationFactory<ModelServerOptions>
{
    public const string AdminKey = "benchmark-admin";
    private readonly int _port = GarnetFixture.FreeTcpPort();

    public BenchmarkModelServer()
    {
        UseKestrel(_port);
        StartServer();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("ModelServer:AdminKey", AdminKey);
        builder.UseSetting("ModelServer:RecentRequestCapacity", "10000");
        const string profile = "ModelServer:Models:bank-assist-large:";
        builder.UseSetting(profile + "TimeToFirstTokenMs", "0");
        builder.UseSetting(profile + "TimeToFirstTokenJitterMs", "0");
        builder.UseSetting(profile + "TokensPerSecond", "0");
        builder.UseSetting(profile + "RequestsPerMinute", "10000000");
        builder.UseSetting(profile + "TokensPerMinute", "1000000000");
    }
}

/// <summary>ChatApi on Kestrel, pointed at the model server with a connection string as in the AppHost.</summary>
internal sealed class BenchmarkChatApi(string cache, Uri model) : WebApplicationFactory<LlmOptions>
{
    private readonly int _port = GarnetFixture.FreeTcpPort();

    public new HttpClient CreateClient()
    {
        UseKestrel(_port);
        StartServer();
        return base.CreateClient();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development"); // X-User-Id identity
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("ConnectionStrings:cache", cache);
        builder.UseSetting("ConnectionStrings:model", $"Endpoint={new Uri(model, "/v1")};Model=bank-assist-large");
        builder.UseSetting("Budgets:TokensPerMinute", "1000000000");
        builder.UseSetting("Budgets:TokensPerDay", "100000000000");
        builder.UseSetting("RateLimiting:PermitLimit", "1000000");
        builder.UseSetting("ResponseCache:Enabled", "false");
        builder.UseSetting("Tools:Enabled", "false");
    }
}
