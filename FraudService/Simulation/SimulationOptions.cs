using System.ComponentModel.DataAnnotations;

namespace LlmReference.FraudService.Simulation;

/// <summary>
/// Built-in simulated traffic for demos: scores simulated transactions in-process and labels them after a delay, so the
/// monitoring (and drift, when switched to drifted traffic) can be watched live. Section <c>Fraud:Simulation</c>.
/// Off unless <see cref="Enabled"/>: it writes to the same cache as real traffic.
/// </summary>
public sealed class SimulationOptions
{
    public const string SectionName = "Fraud:Simulation";

    /// <summary>Maps the control endpoints (<c>/api/fraud/simulation</c>) and allows the generator to run. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Start generating baseline traffic at start (only when <see cref="Enabled"/>). Default false.</summary>
    public bool AutoStart { get; set; }

    /// <summary>Customer events per second (a card-testing burst is several transactions). Default 5.</summary>
    [Range(0.1, 1000)]
    public double EventsPerSecond { get; set; } = 5;

    /// <summary>How long after scoring a transaction its label arrives (chargebacks come late). Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan LabelDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Share of scored transactions that get a label. Default 1.</summary>
    [Range(0.0, 1.0)]
    public double LabelShare { get; set; } = 1;

    /// <summary>Seed of the simulated customers and traffic. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Simulated customers. Default 50,000: at 5 events/s a customer then buys about every three hours, as in the
    /// reference traffic; too few customers for the rate would look like card testing (velocity) and like drift.
    /// </summary>
    [Range(1, 1_000_000)]
    public int Customers { get; set; } = 50_000;
}
