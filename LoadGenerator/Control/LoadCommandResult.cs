namespace LlmReference.LoadGenerator.Control;

/// <summary>How a start command ended: started (with the new status) or refused, with the problem to answer.</summary>
public sealed record LoadCommandResult(LoadStatus? Started, int ProblemStatus = 0, string? ProblemTitle = null, string? ProblemDetail = null)
{
    public static LoadCommandResult Success(LoadStatus status) => new(status);

    public static LoadCommandResult Conflict(string detail) => new(null, 409, "A load run is already running", detail);

    public static LoadCommandResult Invalid(string detail) => new(null, 400, "Invalid load run", detail);
}
