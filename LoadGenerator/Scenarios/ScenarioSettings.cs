using LlmReference.FraudService.Simulation;

namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>What the scenarios send, independent of how fast: who, which messages, which fraud traffic.</summary>
public sealed record ScenarioSettings
{
    /// <summary>Seed of every random choice (messages, users, transactions): same seed, same requests.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Size of the user pool; each request carries one of <c>load-user-0001 …</c> as <c>X-User-Id</c>.</summary>
    public int Users { get; init; } = 50;

    /// <summary>
    /// Share (0-1) of chat messages drawn from a small fixed set, which the response cache answers after the first
    /// time. The rest are unique, so they reach the model. Default 0.2.
    /// </summary>
    public double CacheableShare { get; init; } = 0.2;

    /// <summary>Turns per session in the multi-turn scenario before a user starts a new one.</summary>
    public int TurnsPerSession { get; init; } = 4;

    /// <summary>How long after a score its label is sent (real chargebacks take weeks; a run compresses that).</summary>
    public TimeSpan LabelDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Baseline or drifted card traffic from the shared <see cref="TransactionSimulator"/>.</summary>
    public TrafficProfile Profile { get; init; } = TrafficProfile.Baseline;

    /// <summary>Longest a stream may go without an event before it counts as a stream error (the client's own idle bound).</summary>
    public TimeSpan StreamIdleTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Weights of the <c>mix</c> scenario by scenario name.</summary>
    public IReadOnlyDictionary<string, double> MixWeights { get; init; } = DefaultMix;

    /// <summary>A chat-heavy mix with a steady trickle of fraud scoring and labels, roughly a bank's support traffic.</summary>
    public static readonly IReadOnlyDictionary<string, double> DefaultMix = new Dictionary<string, double>
    {
        [ScenarioNames.Chat] = 30,
        [ScenarioNames.Session] = 15,
        [ScenarioNames.Stream] = 15,
        [ScenarioNames.Tool] = 10,
        [ScenarioNames.FraudScore] = 25,
        [ScenarioNames.FraudLabel] = 5,
    };
}
