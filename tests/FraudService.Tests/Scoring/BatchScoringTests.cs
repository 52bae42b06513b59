using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Tests.Infrastructure;

namespace LlmReference.FraudService.Tests.Scoring;

[Collection(FraudServiceCollection.Name)]
public sealed class BatchScoringTests(FraudServiceFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private static List<Dictionary<string, object?>> Sequence(string customer)
    {
        var night = TestTransactions.Night();
        return
        [
            TestTransactions.Typical(customer, night.AddHours(-2)),
            TestTransactions.Suspicious(customer, night),
            TestTransactions.Suspicious(customer, night.AddMinutes(1)),
            TestTransactions.Typical(customer, night.AddMinutes(2)),
        ];
    }

    private async Task<ScoreBatchResponse> BatchOkAsync(object transactions)
    {
        using var response = await _client.PostAsJsonAsync("/api/fraud/score/batch", new { transactions }, HttpExtensions.Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonSerializer.Deserialize<ScoreBatchResponse>(text, HttpExtensions.Json)!;
    }

    [Fact]
    public async Task BatchAndSingleScoringAgree()
    {
        var singles = new List<ScoreResponse>();
        foreach (var body in Sequence(TestTransactions.NewCustomerId()))
        {
            singles.Add(await _client.ScoreOkAsync(body));
        }

        var batch = await BatchOkAsync(Sequence(TestTransactions.NewCustomerId()));

        Assert.Equal(singles.Count, batch.Results.Count);
        Assert.All(batch.Results, r => Assert.Equal(ScoringStatus.Scored, r.Status));
        Assert.Equal(singles.Select(s => s.Score), batch.Results.Select(r => r.Result!.Score));
        Assert.Equal(singles.Select(s => s.Decision), batch.Results.Select(r => r.Result!.Decision));
        Assert.Equal(singles.Select(s => string.Join(",", s.Reasons.Select(x => x.Code))), batch.Results.Select(r => string.Join(",", r.Result!.Reasons.Select(x => x.Code))));
        Assert.Contains(Decision.Decline, batch.Results.Select(r => r.Result!.Decision));
    }

    [Fact]
    public async Task RepeatsAndReusedIdsAreReportedPerItem()
    {
        var id = TestTransactions.NewTransactionId();
        var first = TestTransactions.Typical(TestTransactions.NewCustomerId());
        first["transactionId"] = id;
        var other = new Dictionary<string, object?>(first) { ["amount"] = 77m };

        var batch = await BatchOkAsync(new[] { first, first, other });

        Assert.Equal([ScoringStatus.Scored, ScoringStatus.Replayed, ScoringStatus.Conflict], batch.Results.Select(r => r.Status));
        Assert.Equal(batch.Results[0].Result!.Score, batch.Results[1].Result!.Score);
        Assert.Null(batch.Results[2].Result);
    }

    [Fact]
    public async Task OversizedBatchIsBadRequestProblem()
    {
        var customer = TestTransactions.NewCustomerId();
        var transactions = Enumerable.Range(0, FraudServiceFactory.MaxBatchSize + 1).Select(_ => TestTransactions.Typical(customer)).ToList();

        using var response = await _client.PostAsJsonAsync("/api/fraud/score/batch", new { transactions }, HttpExtensions.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"at most {FraudServiceFactory.MaxBatchSize}", (await response.ReadProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(await factory.Redis.KeyExistsAsync($"fraud:customer:{customer}:recent"));
    }

    [Fact]
    public async Task OneInvalidItemRejectsTheWholeBatchWithIndexedErrors()
    {
        var customer = TestTransactions.NewCustomerId();
        var bad = TestTransactions.Typical(customer);
        bad["currency"] = "XYZ";
        bad.Remove("amount");

        using var response = await _client.PostAsJsonAsync("/api/fraud/score/batch",
            new { transactions = new[] { TestTransactions.Typical(customer), bad } }, HttpExtensions.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("transactions[1].currency", out _));
        Assert.True(errors.TryGetProperty("transactions[1].amount", out _));
        Assert.False(await factory.Redis.KeyExistsAsync($"fraud:customer:{customer}:recent"));
    }

    [Theory]
    [InlineData("{\"transactions\": []}", "at least one")]
    [InlineData("{}", "at least one")]
    [InlineData("{\"transactions\": [null]}", "transactions[0]")]
    [InlineData("{\"transactions\": [{\"amount\": 1, \"bogus\": true}]}", "bogus")]
    [InlineData("{\"items\": []}", "items")]
    public async Task MalformedBatchIsBadRequestProblem(string json, string mentioned)
    {
        using var response = await _client.PostAsync("/api/fraud/score/batch", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(mentioned, (await response.ReadProblemAsync()).ToString(), StringComparison.Ordinal);
    }
}
