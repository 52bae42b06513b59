namespace LlmReference.FraudService.Simulation;

/// <summary>What the built-in traffic generator is doing.</summary>
public sealed record SimulationStatus(bool Running, TrafficProfile Profile, double EventsPerSecond, long Scored, long Labelled);
