using LlmReference.LoadGenerator.Reporting;
using LlmReference.LoadGenerator.Scenarios;
using LlmReference.LoadGenerator.Scheduling;
using LlmReference.LoadGenerator.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmReference.LoadGenerator.Control;

/// <summary>
/// Serve mode's single run slot: starts steady and spike runs, stops them, reports status. At most one run at a time.
/// </summary>
/// <remarks>
/// <para><b>A second start is refused (409)</b>, with one exception: a spike while a steady run goes replaces it with
/// one schedule, ×<see cref="LoadHostOptions.SpikeFactor"/> for <see cref="LoadHostOptions.SpikeDuration"/> and then
/// the steady rate for what was left of the steady run. Replacing silently would throw away a running experiment's
/// figures and hide a double click; refusing makes "stop first" an explicit act.</para>
/// <para><b>Every run is bounded</b>: its schedule has a fixed length (the engine's limits apply), after which in-flight
/// requests get the engine's drain time. Stop cancels what is in flight; cancelled requests are counted.</para>
/// <para>Commands are serialized by a gate; status reads take no lock (they read the current run and its
/// thread-safe statistics).</para>
/// </remarks>
public sealed class LoadController(
    IOptions<LoadHostOptions> options,
    IHttpClientFactory clients,
    TimeProvider time,
    ILoggerFactory loggers,
    LoadGeneratorMetrics metrics) : IHostedService, IDisposable
{
    /// <summary>How long <c>stop</c> waits for a cancelled run to unwind (the engine's own bound is about 10 s).</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger = loggers.CreateLogger<LoadController>();
    private volatile ActiveRun? _current;
    private volatile LoadReport? _lastReport;

    public LoadStatus Status
    {
        get
        {
            var current = _current;
            if (current is null)
            {
                return LoadStatus.Idle;
            }

            var status = current.Status();
            return status.LastReport is null ? status with { LastReport = _lastReport } : status;
        }
    }

    public async Task<LoadCommandResult> StartSteadyAsync(SteadyRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { IsRunning: true } running)
            {
                Log.StartRefused(_logger, LoadPlan.Steady, running.Plan.Kind);
                return LoadCommandResult.Conflict(
                    $"A {running.Plan.Kind} run ({running.Run.Schedule}) has been running for {running.Run.Elapsed.TotalSeconds:0} s; " +
                    "POST /load/stop first, or POST /load/spike to spike it.");
            }

            var plan = new LoadPlan(LoadPlan.Steady, request.Scenario ?? settings.Scenario,
                [new RateStep(request.Rate ?? settings.SteadyRate, request.Duration ?? settings.SteadyDuration)]);
            return Start(plan);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<LoadCommandResult> StartSpikeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var plan = new LoadPlan(LoadPlan.Spike, settings.Scenario, [new RateStep(settings.SteadyRate * settings.SpikeFactor, settings.SpikeDuration)]);
            if (_current is { IsRunning: true } running)
            {
                if (running.Plan.Kind != LoadPlan.Steady)
                {
                    Log.StartRefused(_logger, LoadPlan.Spike, running.Plan.Kind);
                    return LoadCommandResult.Conflict(
                        $"A spike ({running.Run.Schedule}) is already running, {running.Run.Elapsed.TotalSeconds:0} s in; it ends by itself.");
                }

                // Spike the steady run: same scenario, ×factor of its rate, then its rate for the time it had left.
                var steadyRate = running.Plan.Steps[0].RequestsPerSecond;
                var left = TimeSpan.FromSeconds(Math.Ceiling((running.Plan.Duration - running.Run.Elapsed).TotalSeconds));
                List<RateStep> steps = [new(steadyRate * settings.SpikeFactor, settings.SpikeDuration)];
                if (left > TimeSpan.Zero)
                {
                    steps.Add(new RateStep(steadyRate, left));
                }

                plan = new LoadPlan(LoadPlan.Spike, running.Plan.Scenario, steps);
                Log.SpikingSteadyRun(_logger, running.Run.Schedule, string.Join(", ", steps.Select(s => $"{s.RequestsPerSecond:0.###}/s for {DurationText.Format(s.Duration)}")));
                await StopRunAsync(running).ConfigureAwait(false);
            }

            return Start(plan);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the current run, if any, and returns the final status. Idempotent.</summary>
    public async Task<LoadStatus> StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { IsRunning: true } running)
            {
                Log.StopRequested(_logger, running.Plan.Kind, running.Run.Elapsed.TotalSeconds);
                await StopRunAsync(running).ConfigureAwait(false);
            }

            return Status;
        }
        finally
        {
            _gate.Release();
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Host shutdown stops the run, so no request outlives the process's clients.</summary>
    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        if (_current is { IsRunning: true } running)
        {
            await StopRunAsync(running).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _current?.Stop.Cancel();
        _gate.Dispose();
    }

    private LoadCommandResult Start(LoadPlan plan)
    {
        var settings = options.Value;
        var runOptions = new LoadRunOptions
        {
            // Validated at start (LoadHostOptionsValidator): both are set.
            ChatTarget = settings.ChatTarget!,
            FraudTarget = settings.FraudTarget!,
            AllowRemote = settings.AllowRemote,
            Scenario = plan.Scenario,
            Rate = plan.RateText,
            Scenarios = new ScenarioSettings
            {
                Seed = settings.Seed ?? Random.Shared.Next(),
                CacheableShare = settings.CacheableShare,
                MixWeights = settings.Mix ?? ScenarioSettings.DefaultMix,
            },
        };

        // The same rules as the CLI's (scenario, rate and duration limits, loopback), checked before anything is sent.
        var errors = LoadRunOptionsValidator.Validate(runOptions);
        if (errors.Count > 0)
        {
            return LoadCommandResult.Invalid(string.Join(" ", errors));
        }

        var targets = new LoadTargets(clients.CreateClient(LoadTargets.ChatClientName), clients.CreateClient(LoadTargets.FraudClientName));
        var run = new LoadRun(runOptions, targets, time, loggers.CreateLogger<LoadRun>(), metrics);
        var active = new ActiveRun(plan, run, new CancellationTokenSource());
        active.Completion = RunAsync(active);
        _current = active;
        _ = WatchAsync(active);
        return LoadCommandResult.Success(Status);
    }

    private async Task<LoadReport?> RunAsync(ActiveRun active)
    {
        // Off the caller's thread: the HTTP request that started the run returns at once.
        await Task.Yield();
        try
        {
            var report = await active.Run.RunAsync(active.Stop.Token).ConfigureAwait(false);
            _lastReport = report;
            foreach (var line in report.Scenarios.Append(report.Total))
            {
                Log.ScenarioSummary(_logger, active.Plan.Kind, line.Scenario, line.Sent, line.Completed, line.Errors,
                    line.AchievedRate, line.Latency.P50Ms, line.Latency.P99Ms, line.Latency.MaxMs);
            }

            return report;
        }
        catch (Exception exception)
        {
            // The engine turns request failures into outcomes; reaching here is a bug, logged rather than lost.
            Log.RunFailed(_logger, exception, active.Plan.Kind);
            return null;
        }
    }

    private async Task WatchAsync(ActiveRun active)
    {
        var interval = options.Value.ProgressInterval;
        while (active.IsRunning)
        {
            await Task.WhenAny(active.Completion, Task.Delay(interval, time)).ConfigureAwait(false);
            if (active.IsRunning)
            {
                var status = active.Status();
                Log.Progress(_logger, status.Kind!, status.ElapsedSeconds, status.Rate, status.Sent, status.Completed, status.Errors, status.InFlight, status.P99Ms);
            }
        }
    }

    private static async Task StopRunAsync(ActiveRun running)
    {
        await running.Stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await running.Completion.WaitAsync(StopWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The engine bounds its own unwinding; if that ever failed, the run is abandoned rather than blocking stop.
        }
    }
}
