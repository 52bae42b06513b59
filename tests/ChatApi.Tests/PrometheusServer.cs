using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LlmReference.TestSupport;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package, or <c>PROMETHEUS</c> pointing at a binary) on loopback,
/// scraping the given services every two seconds (a loaded machine can take over a second to serve ChatApi's
/// metrics) into a throw-away data directory. Tests that need it skip with <see cref="SkipReason"/> when it is not
/// installed.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string SkipReason = "prometheus not found: install Debian's prometheus package (sudo apt-get install prometheus) to run this check";

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _log = new();
    private readonly HttpClient _client;

    private PrometheusServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") };
    }

    public static string? Path { get; } = Find();

    public static bool IsAvailable => Path is not null;

    /// <summary>Starts Prometheus scraping <c>/metrics</c> of <paramref name="targets"/> every two seconds and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(IEnumerable<Uri> targets)
    {
        var directory = Directory.CreateTempSubdirectory("prometheus-").FullName;
        var config = new StringBuilder("global:\n  scrape_interval: 2s\n  scrape_timeout: 2s\nscrape_configs:\n  - job_name: services\n    static_configs:\n      - targets:\n");
        foreach (var target in targets)
        {
            config.Append("          - '").Append(target.Authority).Append("'\n");
        }

        await File.WriteAllTextAsync(System.IO.Path.Combine(directory, "prometheus.yml"), config.ToString());
        var port = GarnetFixture.FreeTcpPort();
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(SkipReason))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            "--config.file=" + System.IO.Path.Combine(directory, "prometheus.yml"),
            "--storage.tsdb.path=" + System.IO.Path.Combine(directory, "data"),
            "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        var server = new PrometheusServer(Process.Start(start)!, directory, port);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Evaluates an instant query now; returns each sample's value.</summary>
    public async Task<IReadOnlyList<double>> QueryAsync(string expression)
    {
        using var response = await _client.PostAsync("/api/v1/query", new FormUrlEncodedContent([new("query", expression)]));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus rejected {expression}: {body}");
        }

        var data = body.GetProperty("data");
        return data.GetProperty("resultType").GetString() switch
        {
            "vector" => [.. data.GetProperty("result").EnumerateArray().Select(s => Value(s.GetProperty("value")))],
            "scalar" => [Value(data.GetProperty("result"))],
            var other => throw new InvalidOperationException($"{expression} returned a {other}, not an instant vector"),
        };
    }

    /// <summary>
    /// Waits until every target has been scraped successfully after <paramref name="since"/>: on a busy machine a
    /// scrape can time out, and a rate needs a sample on each side of the traffic.
    /// </summary>
    public async Task WaitForScrapesAfterAsync(DateTimeOffset since, int targets)
    {
        var query = $"count(timestamp(up == 1) > {since.ToUnixTimeMilliseconds() / 1000.0:F3})";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await QueryAsync(query)).FirstOrDefault() < targets)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Prometheus did not scrape all {targets} targets successfully within 30 s:\n{Log}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>What Prometheus logged, for failure messages (scrape errors among it).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _client.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static double Value(JsonElement pair) => double.Parse(pair[1].GetString()!, CultureInfo.InvariantCulture);

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var ready = await _client.GetAsync("/-/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"prometheus was not ready within 30 s:\n{Log}");
            }

            await Task.Delay(200);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("PROMETHEUS") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, OperatingSystem.IsWindows() ? "prometheus.exe" : "prometheus"))
            .FirstOrDefault(File.Exists);
    }
}
