using LlmReference.FraudService.Labels;
using LlmReference.FraudService.Scoring;
using Microsoft.Extensions.Options;

namespace LlmReference.FraudService.Simulation;

/// <summary>
/// The built-in traffic generator (see <see cref="SimulationOptions"/>): on each tick one customer event from
/// <see cref="TransactionSimulator"/>, scored through the normal <see cref="TransactionScorer"/> when due, and its
/// (noisy) label recorded <see cref="SimulationOptions.LabelDelay"/> later through <see cref="LabelService"/>.
/// Start, stop and the traffic profile are switched at run time (dashboard commands call the endpoints).
/// </summary>
public sealed class SimulatedTraffic(
    TransactionScorer scorer,
    LabelService labels,
    IOptions<SimulationOptions> options,
    TimeProvider time,
    ILogger<SimulatedTraffic> logger) : BackgroundService
{
    private readonly SimulationOptions _options = options.Value;
    private readonly PriorityQueue<SimulatedTransaction, DateTimeOffset> _toScore = new();
    private readonly PriorityQueue<(string TransactionId, bool IsFraud), DateTimeOffset> _toLabel = new();
    private volatile bool _running = options.Value.Enabled && options.Value.AutoStart;
    private volatile int _profile;
    private long _scored;
    private long _labelled;

    public SimulationStatus Status => new(_running, (TrafficProfile)_profile, _options.EventsPerSecond, Interlocked.Read(ref _scored), Interlocked.Read(ref _labelled));

    public void Start(TrafficProfile profile)
    {
        _profile = (int)profile;
        _running = true;
        Log.SimulationStarted(logger, profile);
    }

    public void Stop()
    {
        _running = false;
        Log.SimulationStopped(logger);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var simulator = new TransactionSimulator(_options.Seed, _options.Customers);
        var random = new Random(_options.Seed);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / _options.EventsPerSecond), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = time.GetUtcNow();
            try
            {
                if (_running)
                {
                    foreach (var t in simulator.NextEvent(now, (TrafficProfile)_profile))
                    {
                        _toScore.Enqueue(t, t.Transaction.Timestamp);
                    }
                }

                while (_toScore.TryPeek(out var next, out var due) && due <= now)
                {
                    _toScore.Dequeue();
                    var outcome = await scorer.ScoreAsync(next.Transaction).ConfigureAwait(false);
                    Interlocked.Increment(ref _scored);
                    if (outcome.Status == ScoringStatus.Scored && random.NextDouble() < _options.LabelShare)
                    {
                        _toLabel.Enqueue((next.Transaction.TransactionId, next.Label), now + _options.LabelDelay);
                    }
                }

                while (_toLabel.TryPeek(out var label, out var due) && due <= now)
                {
                    _toLabel.Dequeue();
                    await labels.RecordAsync(label.TransactionId, label.IsFraud, now).ConfigureAwait(false);
                    Interlocked.Increment(ref _labelled);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The cache may be briefly away: drop this tick's work rather than stop the generator.
                Log.SimulationTickFailed(logger, ex);
            }
        }
    }
}
