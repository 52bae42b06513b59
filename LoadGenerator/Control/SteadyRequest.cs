namespace LlmReference.LoadGenerator.Control;

/// <summary><c>POST /load/steady</c>'s optional overrides of <see cref="LoadHostOptions"/> (null: the configured value).</summary>
public sealed record SteadyRequest(double? Rate = null, TimeSpan? Duration = null, string? Scenario = null);
