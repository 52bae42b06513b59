using System.Diagnostics;
using HdrHistogram;

namespace LlmReference.ChatApi.Benchmarks;

/// <summary>The figures of one point: one target at one concurrency for one fixed duration.</summary>
internal sealed record PointResult(string Target, int Concurrency, int Repetition, long Completed, long Errors, TimeSpan Elapsed,
    double P50Ms, double P99Ms, double LoadAverage, IReadOnlyDictionary<string, double> CpuMsPerRequest)
{
    public double Throughput => Completed / Elapsed.TotalSeconds;
}

/// <summary>
/// A closed loop, as wrk runs one: <c>concurrency</c> workers each send a request, wait for the whole answer and send
/// the next, for a fixed time. Latencies go into one HdrHistogram per worker (microseconds, 3 significant digits),
/// merged at the end, so recording takes no lock on the hot path.
/// </summary>
internal static class ClosedLoop
{
    private static readonly long Highest = (long)TimeSpan.FromMinutes(5).TotalMicroseconds;

    public static async Task<PointResult> RunAsync(Target target, int concurrency, int repetition, TimeSpan duration, ProcessCpu? cpu = null)
    {
        var cpuBefore = cpu?.Snapshot();
        using var stop = new CancellationTokenSource(duration);
        var histograms = Enumerable.Range(0, concurrency).Select(_ => new LongHistogram(1, Highest, 3)).ToArray();
        var errors = new long[concurrency];
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    // Not cancelled by the stop signal: a request in flight when the time is up finishes and counts.
                    ok = await target.SendAsync(CancellationToken.None);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    ok = false; // refused, reset or past the client's 30 s timeout: an error, not a latency
                }

                if (ok)
                {
                    histograms[worker].RecordValue(Math.Clamp((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds, 1, Highest));
                }
                else
                {
                    errors[worker]++;
                }
            }
        })));
        wall.Stop();
        var cpuAfter = cpu?.Snapshot();

        var all = new LongHistogram(1, Highest, 3);
        foreach (var histogram in histograms)
        {
            all.Add(histogram);
        }

        return new PointResult(target.Name, concurrency, repetition, all.TotalCount, errors.Sum(), wall.Elapsed,
            all.TotalCount == 0 ? double.NaN : all.GetValueAtPercentile(50) / 1000.0,
            all.TotalCount == 0 ? double.NaN : all.GetValueAtPercentile(99) / 1000.0,
            MachineLoad.OneMinute(),
            CpuPerRequest(cpuBefore, cpuAfter, all.TotalCount + errors.Sum()));
    }

    private static Dictionary<string, double> CpuPerRequest(IReadOnlyDictionary<string, double>? before, IReadOnlyDictionary<string, double>? after, long requests) =>
        before is null || after is null || requests == 0
            ? []
            : after.ToDictionary(a => a.Key, a => (a.Value - before.GetValueOrDefault(a.Key)) * 1000 / requests);
}
