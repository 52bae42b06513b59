using LlmReference.ModelServer.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LlmReference.ModelServer.Models;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>: the chat and embedding models this deployment serves.</summary>
internal static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/models", ListModels);
        v1.MapGet("/models/{id}", GetModel);
        return v1;
    }

    private static JsonHttpResult<ModelList> ListModels(IOptions<ModelServerOptions> options) =>
        TypedResults.Json(new ModelList(Served(options.Value)), WireJsonContext.Default.ModelList);

    private static Results<JsonHttpResult<ModelInfo>, OpenAIErrorResult> GetModel(string id, IOptions<ModelServerOptions> options) =>
        Served(options.Value).FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase)) is { } model
            ? TypedResults.Json(model, WireJsonContext.Default.ModelInfo)
            : OpenAIErrors.ModelNotFound(id);

    // A fixed creation time: the models are built in, not uploaded. 2025-01-01T00:00:00Z.
    private const long BuiltInCreated = 1735689600;

    private static List<ModelInfo> Served(ModelServerOptions options) =>
    [
        new(options.Model, BuiltInCreated, "llmreference"),
        new(options.EmbeddingModel, BuiltInCreated, "llmreference"),
    ];
}
