using LlmReference.LoadGenerator.Scenarios;
using LlmReference.LoadGenerator.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LlmReference.LoadGenerator.Control;

/// <summary>
/// The control API the AppHost's dashboard commands call: <c>GET /load</c> (status), <c>POST /load/steady</c>
/// (optional <c>?rate=3&amp;duration=2m&amp;scenario=chat</c>), <c>POST /load/spike</c>, <c>POST /load/stop</c>.
/// Starts answer 202 with the status, 409 when a run is already going (see <see cref="LoadController"/>), 400 for
/// bad input; all errors are problem details.
/// </summary>
public static class LoadApi
{
    public const string Path = "/load";

    public static IEndpointRouteBuilder MapLoadApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Load");
        group.MapGet("/", GetStatus).WithName("GetLoad");
        group.MapPost("/steady", StartSteadyAsync).WithName("StartSteadyLoad");
        group.MapPost("/spike", StartSpikeAsync).WithName("StartSpikeLoad");
        group.MapPost("/stop", StopAsync).WithName("StopLoad");
        return app;
    }

    public static Ok<LoadStatus> GetStatus(LoadController controller) => TypedResults.Ok(controller.Status);

    public static async Task<Results<Accepted<LoadStatus>, ProblemHttpResult>> StartSteadyAsync(
        LoadController controller, string? rate, string? duration, string? scenario, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        double? parsedRate = null;
        if (rate is not null)
        {
            if (double.TryParse(rate, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
                && value is > 0 and <= LoadLimits.MaxRequestsPerSecond)
            {
                parsedRate = value;
            }
            else
            {
                errors.Add($"'rate' must be a number of requests/s above 0 and at most {LoadLimits.MaxRequestsPerSecond}; got '{Shorten(rate)}'.");
            }
        }

        TimeSpan? parsedDuration = null;
        if (duration is not null)
        {
            if (DurationText.TryParse(duration, out var value) && value > TimeSpan.Zero && value <= LoadLimits.MaxDuration)
            {
                parsedDuration = value;
            }
            else
            {
                errors.Add($"'duration' must be a duration above 0 and at most {DurationText.Format(LoadLimits.MaxDuration)}, e.g. 90s or 5m; got '{Shorten(duration)}'.");
            }
        }

        if (scenario is not null && !ScenarioNames.All.Contains(scenario, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"'scenario' must be one of {string.Join(", ", ScenarioNames.All)}; got '{Shorten(scenario)}'.");
        }

        if (errors.Count > 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid load run", detail: string.Join(" ", errors));
        }

        return ToResult(await controller.StartSteadyAsync(new SteadyRequest(parsedRate, parsedDuration, scenario?.ToLowerInvariant()), cancellationToken));
    }

    public static async Task<Results<Accepted<LoadStatus>, ProblemHttpResult>> StartSpikeAsync(LoadController controller, CancellationToken cancellationToken) =>
        ToResult(await controller.StartSpikeAsync(cancellationToken));

    public static async Task<Ok<LoadStatus>> StopAsync(LoadController controller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await controller.StopAsync(cancellationToken));

    private static Results<Accepted<LoadStatus>, ProblemHttpResult> ToResult(LoadCommandResult result) =>
        result.Started is { } status
            ? TypedResults.Accepted(Path, status)
            : TypedResults.Problem(statusCode: result.ProblemStatus, title: result.ProblemTitle, detail: result.ProblemDetail);

    // Echo enough of a bad value to recognise it, not an arbitrarily long string.
    private static string Shorten(string value) => value.Length > 32 ? value[..32] + "…" : value;
}
