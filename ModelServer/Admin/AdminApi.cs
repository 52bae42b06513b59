using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using LlmReference.ModelServer.Faults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LlmReference.ModelServer.Admin;

/// <summary>
/// <c>/admin</c>: the run-time fault switches and the recent-request journal, guarded by <c>X-Admin-Key</c>.
/// Errors are RFC 7807 problems.
/// </summary>
internal static class AdminApi
{
    /// <summary>Most requests one <c>GET /admin/requests</c> returns.</summary>
    public const int MaxRequestsLimit = 10_000;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin")
            .WithTags("Admin")
            .RequireAdminKey(s => s.GetRequiredService<IOptions<ModelServerOptions>>().Value.AdminKey, "ModelServer:AdminKey");

        admin.MapGet("/faults", GetFaults);
        admin.MapPost("/faults/heal", Heal);
        admin.MapPost("/faults/{mode}", SetFault);
        admin.MapGet("/requests", GetRequests);
        admin.MapDelete("/requests", ClearRequests);
        return app;
    }

    private static Ok<FaultState> GetFaults(FaultController faults) => TypedResults.Ok(faults.Current);

    private static Ok<FaultState> Heal(FaultController faults) => TypedResults.Ok(faults.Heal());

    private static async Task<Results<Ok<FaultState>, ValidationProblem, ProblemHttpResult>> SetFault(
        string mode, HttpRequest request, FaultController faults)
    {
        if (!FaultMode.All.Contains(mode))
        {
            return TypedResults.Problem(
                title: "Unknown fault mode",
                detail: $"'{mode}' is not a fault mode. Use one of: {string.Join(", ", FaultMode.All)}, or POST /admin/faults/heal.",
                statusCode: StatusCodes.Status404NotFound);
        }

        FaultParameters parameters;
        try
        {
            parameters = await ReadParametersAsync(request);
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem(title: "Invalid fault parameters", detail: $"The body is not valid JSON for fault parameters: {ex.Message}",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var errors = Validate(mode, parameters);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid fault parameters");
        }

        return TypedResults.Ok(faults.Set(mode, parameters));
    }

    // limit is bound as text so that "limit=abc" gets the same problem as an out-of-range number.
    private static Results<Ok<IReadOnlyList<RecordedRequest>>, ValidationProblem> GetRequests(RequestJournal journal, string? limit)
    {
        int? count = int.TryParse(limit, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        if (limit is not null && count is not (>= 1 and <= MaxRequestsLimit))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["limit"] = [$"limit must be between 1 and {MaxRequestsLimit}."],
            });
        }

        return TypedResults.Ok(journal.Recent(count ?? MaxRequestsLimit));
    }

    private static NoContent ClearRequests(RequestJournal journal)
    {
        journal.Clear();
        return TypedResults.NoContent();
    }

    /// <summary>The body is optional (the dashboard's commands send none); an empty body means all defaults.</summary>
    private static async Task<FaultParameters> ReadParametersAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return string.IsNullOrWhiteSpace(body)
            ? new FaultParameters()
            : JsonSerializer.Deserialize<FaultParameters>(body, JsonSerializerOptions.Web) ?? new FaultParameters();
    }

    private static Dictionary<string, string[]> Validate(string mode, FaultParameters parameters)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(parameters, new ValidationContext(parameters), results, validateAllProperties: true);
        var errors = results
            .SelectMany(r => r.MemberNames.DefaultIfEmpty("").Select(m => (Member: JsonNamingPolicy.CamelCase.ConvertName(m), r.ErrorMessage)))
            .GroupBy(e => e.Member)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage ?? "Invalid value.").ToArray());

        if (mode == FaultMode.Errors && parameters.StatusCode is { } status && status is not (StatusCodes.Status500InternalServerError or StatusCodes.Status503ServiceUnavailable))
        {
            errors["statusCode"] = ["statusCode must be 500 or 503."];
        }

        return errors;
    }
}
