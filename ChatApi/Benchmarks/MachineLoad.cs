using System.Globalization;

namespace LlmReference.ChatApi.Benchmarks;

/// <summary>The conditions printed beside every figure: on a shared 2-core machine the figures move with its load.</summary>
internal static class MachineLoad
{
    /// <summary>The 1-minute load average (Linux <c>/proc/loadavg</c>); NaN elsewhere.</summary>
    public static double OneMinute() =>
        File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
            : double.NaN;

    public static string BuildConfiguration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif
}
