namespace LlmReference.LoadGenerator.Scheduling;

/// <summary>Drives requests through a <see cref="RequestExecutor"/> until its limits are reached or it is stopped.</summary>
public interface ILoadRunner
{
    /// <summary>A one-line description for logs and the report, e.g. <c>5/s for 60s</c>.</summary>
    string Describe();

    /// <summary>Runs to the end; returns normally when <paramref name="stop"/> fires (the run is then partial).</summary>
    Task RunAsync(RequestExecutor executor, CancellationToken stop);
}
