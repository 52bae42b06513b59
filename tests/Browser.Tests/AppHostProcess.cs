using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;
using LlmReference.TestSupport;

namespace LlmReference.Browser.Tests;

/// <summary>
/// The real AppHost, started as a newcomer starts it (<c>dotnet run --project AppHost</c>, already built, so
/// <c>--no-build</c>) with the dashboard on. Two things differ from the quick start, so that the tests can run beside a
/// developer's own AppHost and the other test projects: the dashboard's three ports are free ones picked here (the
/// <c>http</c> launch profile fixes 15080, 19080 and 20080), and DCP gives the services random ports instead of 5280,
/// 5180 and so on. The services' URLs are read off the dashboard, as a user would.
/// </summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _loginUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];
    private readonly string _cacheDirectory;

    private AppHostProcess(Process process, string cacheDirectory)
    {
        _process = process;
        _cacheDirectory = cacheDirectory;
    }

    /// <summary>The link the AppHost prints: the dashboard's login page with its one-time browser token.</summary>
    public Uri LoginUrl => _loginUrl.Task.IsCompletedSuccessfully ? _loginUrl.Task.Result : throw new InvalidOperationException("The AppHost has not printed its login link.");

    /// <summary>The token from <see cref="LoginUrl"/> (<c>?t=</c>), typed into the login form by the tests.</summary>
    public string BrowserToken => System.Web.HttpUtility.ParseQueryString(LoginUrl.Query)["t"] ?? throw new InvalidOperationException("The login link has no token.");

    public Uri DashboardUrl => new(LoginUrl.GetLeftPart(UriPartial.Authority));

    /// <summary>What the AppHost wrote so far (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(80));
            }
        }
    }

    public static async Task<AppHostProcess> StartAsync()
    {
        var root = Repository.Root;
        var cacheDirectory = Directory.CreateTempSubdirectory("llmreference-browser-cache-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])
                 ["run", "--no-build", "--no-launch-profile", "--configuration", BuildConfiguration, "--project", Path.Combine(root, "AppHost"), "--",
                  "--DcpPublisher:RandomizePorts=true", $"--Cache:DataDirectory={cacheDirectory}"])
        {
            start.ArgumentList.Add(argument);
        }

        // The http launch profile's settings, with free ports for the dashboard, its OTLP receiver and resource service.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{FreePort()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new AppHostProcess(process, cacheDirectory);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        process.Exited += (_, _) => host._loginUrl.TrySetException(new InvalidOperationException($"The AppHost exited ({process.ExitCode}):\n{host.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await host._loginUrl.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            await host.DisposeAsync();
            throw new TimeoutException($"The AppHost printed no login link within {StartTimeout}:\n{host.Output}");
        }

        return host;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (LoginLine().Match(line) is { Success: true } match)
        {
            _loginUrl.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM, as Ctrl+C would: the AppHost stops DCP and the services. A kill would leave them running.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_cacheDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A service of the run still holds a file; the OS temp cleaner takes it.
        }
    }

    private static string BuildConfiguration =>
        typeof(AppHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Login to the dashboard at (?<url>https?://\S+)")]
    private static partial Regex LoginLine();
}
