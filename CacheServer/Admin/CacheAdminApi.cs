using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LlmReference.CacheServer.Admin;

/// <summary>
/// <c>/admin/cache</c>: chaos controls for the embedded cache (pause, resume, flush) and its state, guarded by
/// <c>X-Admin-Key</c>. Errors are RFC 7807 problems.
/// </summary>
internal static class CacheAdminApi
{
    public static IEndpointRouteBuilder MapCacheAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/cache")
            .WithTags("Admin")
            .RequireAdminKey(s => s.GetRequiredService<IOptions<CacheServerOptions>>().Value.AdminKey, "CacheServer:AdminKey");

        admin.MapGet("/", GetStateAsync);
        admin.MapPost("/pause", PauseAsync);
        admin.MapPost("/resume", ResumeAsync);
        admin.MapPost("/flush", FlushAsync);
        return app;
    }

    private static async Task<Ok<CacheState>> GetStateAsync(CacheChaos chaos, CancellationToken cancellationToken) =>
        TypedResults.Ok(await chaos.GetStateAsync(cancellationToken));

    // seconds is bound as text so that "seconds=abc" gets the same problem as an out-of-range number.
    private static async Task<Results<Ok<CacheState>, ValidationProblem>> PauseAsync(
        string? seconds, CacheChaos chaos, IOptions<CacheServerOptions> options, CancellationToken cancellationToken)
    {
        var o = options.Value;
        int? parsed = int.TryParse(seconds, CultureInfo.InvariantCulture, out var value) ? value : null;
        if (seconds is not null && (parsed is null || parsed < 1 || parsed > o.MaxPauseSeconds))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]>
                {
                    ["seconds"] = [$"seconds must be a whole number from 1 to {o.MaxPauseSeconds} (CacheServer:MaxPauseSeconds); '{seconds}' is not."],
                },
                detail: $"A pause is bounded: give seconds from 1 to {o.MaxPauseSeconds}, or none for the default of {o.DefaultPauseSeconds}.",
                title: "Invalid pause");
        }

        chaos.Pause(TimeSpan.FromSeconds(parsed ?? o.DefaultPauseSeconds));
        return TypedResults.Ok(await chaos.GetStateAsync(cancellationToken));
    }

    private static async Task<Ok<CacheState>> ResumeAsync(CacheChaos chaos, CancellationToken cancellationToken)
    {
        chaos.Resume();
        return TypedResults.Ok(await chaos.GetStateAsync(cancellationToken));
    }

    private static async Task<Results<Ok<CacheState>, ProblemHttpResult>> FlushAsync(CacheChaos chaos, Garnet.GarnetHost garnet, CancellationToken cancellationToken)
    {
        if (!garnet.IsServing)
        {
            return TypedResults.Problem(
                title: "Cache paused",
                detail: "The cache is paused, so there is nothing to flush through. POST /admin/cache/resume first.",
                statusCode: StatusCodes.Status409Conflict);
        }

        await chaos.FlushAsync(cancellationToken);
        return TypedResults.Ok(await chaos.GetStateAsync(cancellationToken));
    }
}
