using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using LlmReference.ChatApi.Benchmarks;

// ChatApi's cost per turn, measured the way issue 10 states its target: ChatApi's /api/chat, an off-the-shelf
// OpenAI-compatible gateway and a direct call, all in front of the same zero-latency ModelServer, in one run, closed
// loop for a fixed time per point; "added" is a target's latency minus the direct call's in the same repetition.
// The record is taken inside the AppHost (scripts/perf.sh); without --chatapi/--model everything runs in this process.
BenchmarkSettings settings;
try
{
    settings = BenchmarkSettings.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

if (settings.PrintEnvironment)
{
    foreach (var (key, value) in BenchmarkConditions.ModelServer.Concat(BenchmarkConditions.ChatApi))
    {
        Console.WriteLine($"{key}={value}");
    }

    return 0;
}

await using var inProcess = settings.InProcess ? new InProcessApp() : null;
if (inProcess is not null)
{
    await inProcess.StartAsync();
}

var chatApi = settings.ChatApi ?? inProcess!.ChatApi;
var model = settings.Model ?? inProcess!.Model;
var maxConcurrency = settings.Concurrency.Max();

// One connection pool per target, enough connections for every worker, never recycled during a run.
HttpClient Client() => new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = maxConcurrency * 2 })
{
    Timeout = TimeSpan.FromSeconds(30),
    DefaultRequestVersion = HttpVersion.Version11,
};

using var directClient = Client();
using var gatewayClient = Client();
using var chatClient = Client();
var targets = new List<Target> { Target.ToModel(directClient, model) };
if (settings.Gateway is { } gateway)
{
    targets.Add(Target.ThroughGateway(gatewayClient, gateway, model));
}

targets.Add(Target.ToChatApi(chatClient, chatApi, maxConcurrency));
if (settings.Only is { } only)
{
    targets.RemoveAll(t => !only.Contains(t.Name));
}

var header = new StringBuilder();
header.AppendLine(CultureInfo.InvariantCulture,
    $"ChatApi vs direct ModelServer{(settings.Gateway is null ? "" : " vs gateway")}: {(settings.InProcess ? "in-process hosts" : $"chatapi {chatApi}, model {model}")}" +
    $"{(settings.Gateway is null ? "" : $", gateway {settings.Gateway}")}");
header.AppendLine(CultureInfo.InvariantCulture,
    $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {MachineLoad.OneMinute():F2} at start, " +
    $"benchmark built {MachineLoad.BuildConfiguration}, {RuntimeInformation.FrameworkDescription}, " +
    $"{settings.Duration.TotalSeconds:F0} s per point after {settings.WarmUp.TotalSeconds:F0} s warm-up, {settings.Repetitions} repetitions, " +
    $"concurrency {string.Join(", ", settings.Concurrency)}");
Console.Error.WriteLine(header);

// Each target must answer before anything is measured: a wrong URL or a refusing quota fails here, not as a table of errors.
foreach (var target in targets)
{
    if (!await target.SendAsync(CancellationToken.None))
    {
        Console.Error.WriteLine($"{target.Name} did not answer 2xx to a first request: check its URL, and that quotas are lifted (--print-environment).");
        return 1;
    }
}

// Warm-up at the highest concurrency: JIT tiering (on 2 busy cores ChatApi still spends a third of its CPU in the JIT
// after a minute of load), connection pools, the tokenizer, Redis connections, the gateway's own start.
if (settings.WarmUp > TimeSpan.Zero)
{
    foreach (var target in targets)
    {
        await ClosedLoop.RunAsync(target, maxConcurrency, repetition: 0, settings.WarmUp);
    }
}

// CPU per request per process, when the app runs in its own processes (AppHost mode) on Linux.
var cpu = !settings.InProcess && ProcessCpu.Supported ? new ProcessCpu(RepositoryRoot()) : null;
var points = new List<PointResult>();

// In-process only: spans per request by source, from one short ChatApi-only loop after the warm-up.
if (settings.InProcess)
{
    using var spans = new SpanCounter();
    var chat = targets.Single(t => t.Name == Target.ChatApi);
    spans.TakeCounts();
    // 12 s: the Redis instrumentation reports its command spans every 10 s.
    var sample = await ClosedLoop.RunAsync(chat, 1, repetition: 0, TimeSpan.FromSeconds(12));
    var counts = spans.TakeCounts();
    Console.Error.WriteLine($"Spans ended per chatapi request in this process ({sample.Completed} requests; includes the benchmark client's " +
        "HttpClient span and ModelServer's server span, both hosted here):");
    foreach (var (source, count) in counts.OrderByDescending(c => c.Value))
    {
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count / (double)Math.Max(1, sample.Completed),6:F2}  {source}"));
    }
}

for (var repetition = 1; repetition <= settings.Repetitions; repetition++)
{
    foreach (var concurrency in settings.Concurrency)
    {
        foreach (var target in targets)
        {
            var point = await ClosedLoop.RunAsync(target, concurrency, repetition, settings.Duration, cpu);
            points.Add(point);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rep {repetition} c={concurrency} {target.Name}: {point.Throughput:F0} req/s, p50 {point.P50Ms:F2} ms, p99 {point.P99Ms:F2} ms, {point.Errors} errors, load {point.LoadAverage:F2}"));
        }
    }
}

var cpuTable = ComparisonReport.Cpu(points);
var report = $"{header}\n{ComparisonReport.Summary(points)}\n{ComparisonReport.Points(points)}" +
    (cpuTable.Length == 0 ? "" : $"\nCPU milliseconds per request, by process (all of each process's CPU during the point, divided by its requests):\n\n{cpuTable}");
Console.WriteLine(report);
if (settings.MarkdownOut is { } file)
{
    await File.WriteAllTextAsync(file, report);
}

return points.Any(p => p.Errors > 0) ? 3 : 0;

// The checkout this benchmark was built from: its processes are the ones whose CPU is counted.
static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "LlmReference.sln")))
        {
            return dir.FullName;
        }
    }

    return AppContext.BaseDirectory;
}
