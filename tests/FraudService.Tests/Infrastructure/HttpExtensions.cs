using System.Net.Http.Json;
using System.Text.Json;
using LlmReference.FraudService.Scoring;

namespace LlmReference.FraudService.Tests.Infrastructure;

public static class HttpExtensions
{
    public static readonly JsonSerializerOptions Json = FraudJson.Options;

    public static async Task<ScoreResponse> ScoreOkAsync(this HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/fraud/score", body, Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<ScoreResponse>(text, Json)!;
    }

    /// <summary>Reads a problem-details body, asserting the media type.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }
}
