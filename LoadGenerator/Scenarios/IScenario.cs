namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>
/// One kind of request against the targets. Implementations send exactly one HTTP request per call (so the schedule's
/// rate is the request rate), never retry, and turn every failure into a <see cref="RequestOutcome"/> instead of
/// throwing, except cancellation of the run itself.
/// </summary>
public interface IScenario
{
    string Name { get; }

    Task<RequestOutcome> ExecuteAsync(RequestContext context, CancellationToken cancellationToken);
}
