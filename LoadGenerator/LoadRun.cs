using LlmReference.LoadGenerator.Reporting;
using LlmReference.LoadGenerator.Scenarios;
using LlmReference.LoadGenerator.Scheduling;
using LlmReference.LoadGenerator.Telemetry;
using Microsoft.Extensions.Logging;

namespace LlmReference.LoadGenerator;

/// <summary>
/// One run of the generator: validated options in, a <see cref="LoadReport"/> out, with live
/// <see cref="Statistics"/> to watch while it runs. The CLI drives it now; an HTTP control API can start and stop
/// one the same way.
/// </summary>
public sealed class LoadRun
{
    private readonly LoadRunOptions _options;
    private readonly ILoadRunner _runner;
    private readonly RequestExecutor _executor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IScenario _scenario;

    public LoadRun(LoadRunOptions options, LoadTargets targets, TimeProvider time, ILogger<LoadRun> logger, LoadGeneratorMetrics? metrics = null)
    {
        var errors = LoadRunOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        }

        _options = options;
        _time = time;
        _logger = logger;
        _scenario = ScenarioFactory.Create(options.Scenario, options.Scenarios, targets, time);
        _executor = new RequestExecutor(_scenario, options.Scenarios.Seed, time, Statistics, metrics);
        _runner = options.Model == LoadModel.Open
            ? new OpenModelRunner(ArrivalSchedule.Parse(options.Rate, options.EffectiveDuration), options.Count, options.MaxInFlight, options.DrainTimeout, logger)
            : new ClosedModelRunner(options.Users, options.EffectiveDuration, options.Count, options.DrainTimeout);
    }

    public LoadStatistics Statistics { get; } = new();

    public TimeSpan Elapsed => _executor.Elapsed;

    public int InFlight => _executor.InFlight;

    public string Schedule => _runner.Describe();

    /// <summary>Runs to the end (or until <paramref name="stop"/>) and reports.</summary>
    public async Task<LoadReport> RunAsync(CancellationToken stop)
    {
        Log.LoadStarting(_logger, _scenario.Name, _options.Model.ToString().ToLowerInvariant(), Schedule, _options.ChatTarget, _options.FraudTarget);
        var startedAt = _time.GetUtcNow();
        _executor.Start();
        await _runner.RunAsync(_executor, stop).ConfigureAwait(false);
        var report = Report(startedAt, _executor.Elapsed, stop.IsCancellationRequested);
        var total = report.Total;
        Log.LoadFinished(_logger, report.DurationSeconds, total.Sent, total.Completed, total.Errors, total.NotSent, total.Latency.P50Ms, total.Latency.P99Ms);
        return report;
    }

    private LoadReport Report(DateTimeOffset startedAt, TimeSpan elapsed, bool stopped)
    {
        var sendWindow = _executor.SendingEnded ?? elapsed;
        return new LoadReport(
        _scenario.Name,
        _options.Model.ToString().ToLowerInvariant(),
        Schedule,
        _options.Model == LoadModel.Closed ? _options.Users : null,
        _options.MaxInFlight,
        _options.Scenarios.Seed,
        new Dictionary<string, string> { ["chat"] = _options.ChatTarget.ToString(), ["fraud"] = _options.FraudTarget.ToString() },
        startedAt,
        Math.Round(elapsed.TotalSeconds, 3),
        Math.Round(sendWindow.TotalSeconds, 3),
        stopped,
        ReportBuilder.Build(Statistics.All, sendWindow),
        [.. Statistics.Scenarios.Select(s => ReportBuilder.Build(s, sendWindow))]);
    }
}
