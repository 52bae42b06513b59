using System.ComponentModel.DataAnnotations;
using LlmReference.LoadGenerator.Scenarios;

namespace LlmReference.LoadGenerator.Control;

/// <summary>
/// Serve mode's settings (section <c>LoadHost</c>): what "Steady load" and "Spike" send, and where. Validated at start
/// by data annotations and <see cref="LoadHostOptionsValidator"/>, so a bad value fails the process, not the first run.
/// </summary>
public sealed class LoadHostOptions
{
    public const string SectionName = "LoadHost";

    /// <summary>
    /// Requests/s of a steady run. Default 1: the default mix then asks the primary model deployment for about 0.7 calls/s,
    /// inside its 60 requests/min, so steady load runs without throttling or failover, and the app uses about a fifth
    /// of a 2-core laptop; a ×5 spike exceeds both deployments' limits together, which is what a spike is for. See the README.
    /// </summary>
    [Range(0.01, 100)]
    public double SteadyRate { get; set; } = 1;

    /// <summary>How long a steady run sends unless stopped. Default 10 min: long enough to watch, short enough to be forgotten safely.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan SteadyDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A spike's rate as a multiple of the steady rate. Default 5.</summary>
    [Range(1, 20)]
    public double SpikeFactor { get; set; } = 5;

    /// <summary>How long a spike lasts before the run returns to steady (or ends). Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00")]
    public TimeSpan SpikeDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>One of <see cref="ScenarioNames.All"/>. Default <c>mix</c>.</summary>
    [Required]
    public string Scenario { get; set; } = ScenarioNames.Mix;

    /// <summary>Weights of the mix by scenario name (<c>LoadHost__Mix__chat=3</c>); null is <see cref="ScenarioSettings.DefaultMix"/>.</summary>
    public Dictionary<string, double>? Mix { get; set; }

    /// <summary>Share (0-1) of chat messages the response cache can answer. Default 0.2.</summary>
    [Range(0.0, 1.0)]
    public double CacheableShare { get; set; } = 0.2;

    /// <summary>
    /// Seed of messages, users and transactions. Null (the default): a new seed per run, so a second run does not
    /// repeat the first one's "unique" messages and find them in the response cache. The report records the seed.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>The chat service's name in service discovery (<c>services__chatapi__http__0</c>). Default <c>chatapi</c>.</summary>
    [Required]
    public string ChatService { get; set; } = "chatapi";

    /// <summary>The fraud service's name in service discovery (<c>services__fraud__http__0</c>). Default <c>fraud</c>.</summary>
    [Required]
    public string FraudService { get; set; } = "fraud";

    /// <summary>ChatApi's base address; when unset, the endpoint the AppHost's reference gives (see <see cref="ChatService"/>).</summary>
    public Uri? ChatTarget { get; set; }

    /// <summary>FraudService's base address; when unset, the endpoint the AppHost's reference gives (see <see cref="FraudService"/>).</summary>
    public Uri? FraudTarget { get; set; }

    /// <summary>
    /// FraudService's API key, sent in <c>X-Api-Key</c> by the fraud scenarios. The AppHost passes its generated
    /// <c>fraud-api-key</c> secret as <c>LoadHost__FraudApiKey</c>. Without it fraud requests are refused (401).
    /// </summary>
    public string? FraudApiKey { get; set; }

    /// <summary>Allow targets that are not loopback, discovered ones included (off; see <see cref="LoadHostOptionsValidator"/>).</summary>
    public bool AllowRemote { get; set; }

    /// <summary>Period of the progress log while a run goes. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(10);
}
