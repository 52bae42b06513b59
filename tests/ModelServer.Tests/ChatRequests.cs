using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace LlmReference.ModelServer.Tests;

/// <summary>Raw wire requests, for what the typed clients hide (status codes, headers, exact JSON).</summary>
internal static class ChatRequests
{
    public static JsonObject Body(string question, string model = ModelServerFactory.LargeModel, bool stream = false) => new()
    {
        ["model"] = model,
        ["stream"] = stream,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
    };

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, JsonObject body, CancellationToken cancellationToken = default) =>
        client.PostAsync("/v1/chat/completions", JsonContent.Create(body), cancellationToken);

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)
        ?? throw new InvalidOperationException("The response is not a JSON object.");
}
