using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using LlmReference.ModelServer.Admin;
using LlmReference.ModelServer.Wire;
using LlmReference.ModelServer.Telemetry;
using LlmReference.ModelServer.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static LlmReference.ModelServer.Telemetry.ModelServerTelemetry;

namespace LlmReference.ModelServer.Embeddings;

/// <summary><c>POST /v1/embeddings</c>: deterministic, unit-length vectors (<see cref="HashedEmbedder"/>), usage counted with the tokenizer.</summary>
internal static class EmbeddingsApi
{
    public static RouteGroupBuilder MapEmbeddingsApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/embeddings", CreateEmbeddings);
        return v1;
    }

    private static async Task<Results<JsonHttpResult<EmbeddingResponse>, OpenAIErrorResult>> CreateEmbeddings(
        HttpContext context, IOptions<ModelServerOptions> options, TokenCounter tokens, ModelServerMetrics metrics)
    {
        var (body, readError) = await WireBody.ReadAsync(context, WireJsonContext.Default.EmbeddingRequest, options);
        if (readError is not null)
        {
            return readError;
        }

        var settings = options.Value;
        var requestContext = RequestContext.Of(context);
        if (requestContext is not null)
        {
            requestContext.Model = body!.Model;
        }

        if (string.IsNullOrWhiteSpace(body!.Model))
        {
            return OpenAIErrors.BadRequest("You must provide a model parameter.", "model");
        }

        if (!string.Equals(body.Model, settings.EmbeddingModel, StringComparison.OrdinalIgnoreCase))
        {
            return string.Equals(body.Model, settings.Model, StringComparison.OrdinalIgnoreCase)
                ? OpenAIErrors.WrongKindOfModel(body.Model, "v1/embeddings")
                : OpenAIErrors.ModelNotFound(body.Model);
        }

        if (ReadInputs(body.Input, tokens) is not { } inputs)
        {
            return OpenAIErrors.BadRequest("'input' must be a non-empty string, an array of non-empty strings, or an array of token arrays.", "input");
        }

        if (inputs.Count > settings.MaxEmbeddingInputs)
        {
            return OpenAIErrors.BadRequest($"'input' has {inputs.Count} items; this server accepts at most {settings.MaxEmbeddingInputs} (ModelServer:MaxEmbeddingInputs).", "input");
        }

        var dimensions = body.Dimensions ?? settings.EmbeddingDimensions;
        if (dimensions < 1 || dimensions > settings.EmbeddingDimensions)
        {
            return OpenAIErrors.BadRequest($"'dimensions' must be between 1 and {settings.EmbeddingDimensions}.", "dimensions");
        }

        var base64 = body.EncodingFormat switch
        {
            null or "float" => false,
            "base64" => true,
            _ => (bool?)null,
        };
        if (base64 is null)
        {
            return OpenAIErrors.BadRequest("'encoding_format' must be 'float' or 'base64'.", "encoding_format");
        }

        using var activity = Source.StartActivity($"{Operations.Embeddings} {settings.EmbeddingModel}", ActivityKind.Internal);
        var promptTokens = 0;
        var data = new List<EmbeddingItem>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            promptTokens += tokens.Count(inputs[i]);
            var vector = HashedEmbedder.Embed(inputs[i], settings.EmbeddingDimensions);
            if (dimensions < vector.Length)
            {
                vector = HashedEmbedder.Shorten(vector, dimensions);
            }

            data.Add(new EmbeddingItem(i, base64.Value
                ? JsonSerializer.SerializeToElement(Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())), WireJsonContext.Default.String)
                : JsonSerializer.SerializeToElement(vector, WireJsonContext.Default.SingleArray)));
        }

        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(Attributes.OperationName, Operations.Embeddings);
            activity.SetTag(Attributes.ProviderName, ProviderName);
            activity.SetTag(Attributes.RequestModel, body.Model);
            activity.SetTag(Attributes.ResponseModel, settings.EmbeddingModel);
            activity.SetTag(Attributes.UsageInputTokens, promptTokens);
            activity.SetTag(Attributes.EmbeddingsDimensionCount, dimensions);
            activity.SetTag(Attributes.Deployment, settings.Deployment);
        }

        metrics.RecordTokens(Operations.Embeddings, settings.EmbeddingModel, promptTokens, null);
        if (requestContext is not null)
        {
            requestContext.ResponseModel = settings.EmbeddingModel;
        }

        return TypedResults.Json(new EmbeddingResponse(data, settings.EmbeddingModel, new EmbeddingUsage(promptTokens)), WireJsonContext.Default.EmbeddingResponse);
    }

    private static List<string>? ReadInputs(JsonElement? input, TokenCounter tokens)
    {
        if (input is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() is { Length: > 0 } text ? [text] : null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            return null;
        }

        // An array of token ids is one input; an array of strings or of token arrays is many.
        if (value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number))
        {
            return TokenIds(value) is { } ids && tokens.Decode(ids) is { Length: > 0 } decoded ? [decoded] : null;
        }

        var inputs = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            var text = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Array => TokenIds(item) is { } ids ? tokens.Decode(ids) : null,
                _ => null,
            };
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            inputs.Add(text);
        }

        return inputs;
    }

    private static List<int>? TokenIds(JsonElement array)
    {
        var ids = new List<int>();
        foreach (var id in array.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt32(out var value) || value < 0)
            {
                return null;
            }

            ids.Add(value);
        }

        return ids.Count > 0 ? ids : null;
    }
}
