using System.Globalization;

namespace LlmReference.ChatApi.Benchmarks;

/// <summary>
/// CPU time used by each process of the app under test, read from Linux <c>/proc</c> before and after a point. Divided
/// by the requests served it gives CPU milliseconds per request per process: unlike latency, that figure barely moves
/// when other work shares the cores, and it shows costs a latency figure hides (the dashboard ingesting the
/// telemetry, Garnet, the DCP proxies in front of every service).
/// </summary>
/// <remarks>
/// The processes counted are this checkout's (their command line names <paramref name="root"/>: the services, the
/// AppHost, the gateway installed under <c>.tools</c>), the DCP processes that monitor that AppHost, and the Aspire
/// dashboard (only a <c>dotnet run</c> AppHost starts one; tests run with it off).
/// </remarks>
internal sealed class ProcessCpu(string root)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ; 100 on every Linux this runs on

    public static bool Supported => Directory.Exists("/proc/self");

    /// <summary>CPU seconds so far per process group (ChatApi, ModelServer, dcp, ...).</summary>
    public IReadOnlyDictionary<string, double> Snapshot()
    {
        var processes = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(Read)
            .OfType<ProcessInfo>()
            .ToList();
        var appHosts = processes.Where(p => p.Name == "AppHost" && p.CommandLine.Contains(root, StringComparison.Ordinal)).Select(p => p.Pid).ToHashSet();
        var dcp = processes.Where(p => p.Name == "dcp" && appHosts.Any(a => p.CommandLine.Contains($"--monitor {a}", StringComparison.Ordinal))).Select(p => p.Pid).ToHashSet();
        var totals = new Dictionary<string, double>();
        foreach (var p in processes)
        {
            var mine = p.CommandLine.Contains(root, StringComparison.Ordinal) || p.Name == "Aspire.Dashboard"
                || dcp.Contains(p.Pid) || (p.Name == "dcp" && dcp.Contains(p.ParentPid));
            if (mine && p.Pid != Environment.ProcessId)
            {
                totals[p.Name] = totals.GetValueOrDefault(p.Name) + p.CpuSeconds;
            }
        }

        return totals;
    }

    private sealed record ProcessInfo(int Pid, int ParentPid, string Name, string CommandLine, double CpuSeconds);

    private static ProcessInfo? Read(int pid)
    {
        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the parenthesised command name: state ppid ... utime(14) stime(15), 1-based over the whole line.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            var executable = commandLine.Split(' ')[0];
            var name = Path.GetFileName(executable) switch
            {
                "dotnet" or "node" => GatewayOrDll(commandLine),
                var other => other,
            };
            return new ProcessInfo(pid, int.Parse(fields[1], CultureInfo.InvariantCulture), name, commandLine, cpu);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // gone meanwhile, or not readable
        }
    }

    private static string GatewayOrDll(string commandLine) =>
        commandLine.Contains("portkey", StringComparison.OrdinalIgnoreCase) ? "gateway (node)" : commandLine.Split(' ')[0];
}
