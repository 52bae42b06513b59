using LlmReference.LoadGenerator.Scenarios;
using LlmReference.LoadGenerator.Scheduling;

namespace LlmReference.LoadGenerator;

/// <summary>
/// Everything one run needs, whoever asks for it: the CLI now, an HTTP control API (AppHost dashboard commands)
/// later. Checked by <see cref="LoadRunOptionsValidator"/> before anything is sent.
/// </summary>
public sealed record LoadRunOptions
{
    /// <summary>ChatApi's base address. Default: its launch-profile port on loopback.</summary>
    public Uri ChatTarget { get; init; } = new("http://localhost:5280/");

    /// <summary>FraudService's base address. Default: its launch-profile port on loopback.</summary>
    public Uri FraudTarget { get; init; } = new("http://localhost:5380/");

    /// <summary>Allow targets other than loopback (see <see cref="LoadRunOptionsValidator"/> for why it is off).</summary>
    public bool AllowRemote { get; init; }

    /// <summary>One of <see cref="ScenarioNames.All"/>. Default <c>mix</c>.</summary>
    public string Scenario { get; init; } = ScenarioNames.Mix;

    public LoadModel Model { get; init; } = LoadModel.Open;

    /// <summary>Open model: <c>5</c> (requests/s for <see cref="Duration"/>) or steps <c>5@30s,25@60s</c>. Default 5.</summary>
    public string Rate { get; init; } = "5";

    /// <summary>Closed model: concurrent users. Default 4.</summary>
    public int Users { get; init; } = 4;

    /// <summary>How long to send; null means <see cref="LoadLimits.DefaultDuration"/> unless a count is given.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Most requests to send; the run ends at whichever of duration and count comes first.</summary>
    public long? Count { get; init; }

    /// <summary>Most requests in flight (open model). Default 256: several times what the services answer at once.</summary>
    public int MaxInFlight { get; init; } = 256;

    /// <summary>Per-request timeout (to response headers; streams have their own idle bound). Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long in-flight requests may finish after the send window. Default 30 s (the request timeout).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public ScenarioSettings Scenarios { get; init; } = new();

    /// <summary>
    /// The send window: the sum of the rate steps if stepped; else the duration asked for; else, when only a count
    /// bounds the run, the hard maximum (the count ends it first); else the default.
    /// </summary>
    public TimeSpan EffectiveDuration => (Model, Duration, Count) switch
    {
        (LoadModel.Open, _, _) when Rate.Contains('@') => ArrivalSchedule.Parse(Rate, TimeSpan.Zero).Duration,
        (_, { } duration, _) => duration,
        (_, null, not null) => LoadLimits.MaxDuration,
        _ => LoadLimits.DefaultDuration,
    };
}
