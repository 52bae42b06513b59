using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using LlmReference.TestSupport;
using StackExchange.Redis;

namespace LlmReference.CacheServer.Tests;

/// <summary>
/// The built CacheServer run as a child process (<c>dotnet CacheServer.dll</c>) on free loopback ports, the way DCP runs
/// it: a test can stop it gracefully (SIGTERM), kill it outright (SIGKILL), and start it again on the same data directory.
/// </summary>
internal sealed class CacheServerProcess : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private static readonly string Configuration =
        typeof(CacheServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CacheServerProcess(Process process, int respPort, int httpPort)
    {
        _process = process;
        RespPort = respPort;
        AdminUri = new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}");
    }

    public int RespPort { get; }

    public Uri AdminUri { get; }

    /// <summary>Everything the process wrote, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server and waits until <c>/health</c> answers 200 (Garnet serves RESP).</summary>
    public static async Task<CacheServerProcess> StartAsync(
        string? dataDirectory, int? respPort = null, int? httpPort = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var server = Launch(dataDirectory, respPort ?? FreeTcpPort(), httpPort ?? FreeTcpPort(), settings);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Starts the server without waiting; for tests of start-up failures.</summary>
    public static CacheServerProcess Launch(string? dataDirectory, int respPort, int httpPort, IReadOnlyDictionary<string, string>? settings = null)
    {
        var program = Repository.Path("CacheServer", "bin", Configuration, "net10.0", "CacheServer.dll");
        var start = new ProcessStartInfo("dotnet", [program])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(program)!,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        start.Environment["CacheServer__Port"] = respPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["CacheServer__AdminKey"] = AdminKey;
        if (dataDirectory is not null)
        {
            start.Environment["CacheServer__DataDirectory"] = dataDirectory;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var server = new CacheServerProcess(process, respPort, httpPort);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    public HttpClient CreateAdminClient()
    {
        var client = new HttpClient { BaseAddress = AdminUri, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        return client;
    }

    /// <summary>
    /// A StackExchange.Redis connection that fails at once when nothing listens, rather than retrying. <paramref name="commandTimeout"/> (default 5 s) is for tests that assert what the server
    /// answered, not how fast: a burst of queued commands on a loaded 2-core machine can take longer.
    /// </summary>
    public Task<ConnectionMultiplexer> ConnectAsync(TimeSpan? commandTimeout = null) => ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
    {
        EndPoints = { new IPEndPoint(IPAddress.Loopback, RespPort) },
        AbortOnConnectFail = true,
        ConnectTimeout = 5_000,
        SyncTimeout = (int)(commandTimeout ?? TimeSpan.FromSeconds(5)).TotalMilliseconds,
        AsyncTimeout = (int)(commandTimeout ?? TimeSpan.FromSeconds(5)).TotalMilliseconds,
        AllowAdmin = true,
    });

    /// <summary>Waits for the process to end with <paramref name="timeout"/>; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>Graceful stop: SIGTERM, as DCP sends it, then waits for the process to end.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(StopTimeout);
    }

    /// <summary>Hard stop: SIGKILL, no chance to flush or checkpoint anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(StopTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    /// <summary>A port the OS says is free right now (bind to 0, read it back, release it).</summary>
    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = AdminUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"CacheServer exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"CacheServer was not healthy within {StartTimeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
