using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace LlmReference.ModelServer.Wire;

/// <summary>
/// Reads a JSON request body itself (instead of minimal-API binding) so that malformed JSON and oversized bodies come back
/// as OpenAI-shaped 400/413 errors that clients can parse.
/// </summary>
internal static class WireBody
{
    public static async Task<(T? Body, OpenAIErrorResult? Error)> ReadAsync<T>(
        HttpContext context, JsonTypeInfo<T> typeInfo, IOptions<ModelServerOptions> options) where T : class
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            return (null, OpenAIErrors.PayloadTooLarge(limit));
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted);
            return body is null
                ? (null, OpenAIErrors.BadRequest("The request body must be a JSON object."))
                : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, OpenAIErrors.BadRequest($"We could not parse the JSON body of your request: {ex.Message}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, OpenAIErrors.PayloadTooLarge(limit));
        }
    }
}
