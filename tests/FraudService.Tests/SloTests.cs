using System.Net;
using System.Text.Json;
using LlmReference.FraudService.Tests.Infrastructure;

namespace LlmReference.FraudService.Tests;

/// <summary>FraudService evaluates its own SLOs (slo/fraud.yaml) in-process at <c>GET /slo</c>.</summary>
[Collection(FraudServiceCollection.Name)]
public sealed class SloTests(FraudServiceFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task SloListsTheFraudSlosAndCountsAScoredRequest()
    {
        var before = await ReadAsync();
        Assert.Equal("fraud", before.GetProperty("service").GetString());
        Assert.Equal(
            ["fraud-availability", "fraud-latency", "fraud-model-precision"],
            before.GetProperty("slos").EnumerateArray().Select(s => s.GetProperty("name").GetString()));

        await _client.ScoreOkAsync(TestTransactions.Typical(TestTransactions.NewCustomerId()));

        // ASP.NET Core records a request's duration as the request ends, just after the client has its answer.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonElement after;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20));
            after = await ReadAsync();
        }
        while (Total(after, "fraud-latency") <= Total(before, "fraud-latency") && DateTime.UtcNow < deadline);

        foreach (var slo in new[] { "fraud-availability", "fraud-latency" })
        {
            Assert.True(Total(after, slo) >= Total(before, slo) + 1, $"{slo}: total {Total(before, slo)} → {Total(after, slo)}");
        }

        // The scoring answered without a server error: good for availability too.
        Assert.True(Good(after, "fraud-availability") >= Good(before, "fraud-availability") + 1);
    }

    private async Task<JsonElement> ReadAsync()
    {
        using var response = await _client.GetAsync("/slo");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static JsonElement SinceStart(JsonElement report, string slo) =>
        report.GetProperty("slos").EnumerateArray().Single(s => s.GetProperty("name").GetString() == slo).GetProperty("sinceStart");

    private static double Total(JsonElement report, string slo) => SinceStart(report, slo).GetProperty("total").GetDouble();

    private static double Good(JsonElement report, string slo) => SinceStart(report, slo).GetProperty("good").GetDouble();
}
