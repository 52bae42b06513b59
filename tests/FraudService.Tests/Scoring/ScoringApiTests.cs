using System.Net;
using System.Net.Http.Json;
using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Tests.Infrastructure;
using LlmReference.FraudService.Transactions;

namespace LlmReference.FraudService.Tests.Scoring;

/// <summary>Scoring over real HTTP handling against a real Garnet server.</summary>
[Collection(FraudServiceCollection.Name)]
public sealed class ScoringApiTests(FraudServiceFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TypicalPurchaseIsApprovedWithAGeneratedIdAndTheModelVersion()
    {
        var response = await _client.ScoreOkAsync(TestTransactions.Typical(TestTransactions.NewCustomerId()));

        Assert.Equal(Decision.Approve, response.Decision);
        Assert.InRange(response.Score, 0, 0.05);
        Assert.Equal(RulesModel.ModelVersion, response.ModelVersion);
        Assert.False(string.IsNullOrWhiteSpace(response.TransactionId));
        Assert.Empty(response.Reasons);
    }

    [Fact]
    public async Task ResponseSpellsDecisionInLowerCase()
    {
        using var response = await _client.PostAsJsonAsync("/api/fraud/score", TestTransactions.Typical(TestTransactions.NewCustomerId()), HttpExtensions.Json);

        Assert.Contains("\"decision\":\"approve\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FraudPatternAfterAHomePurchaseIsDeclinedWithReasons()
    {
        var customer = TestTransactions.NewCustomerId();
        await _client.ScoreOkAsync(TestTransactions.Typical(customer, TestTransactions.Night().AddHours(-2))); // sets home country DE

        ScoreResponse last = null!;
        for (var i = 0; i < 3; i++)
        {
            last = await _client.ScoreOkAsync(TestTransactions.Suspicious(customer, TestTransactions.Night().AddMinutes(i)));
        }

        Assert.Equal(Decision.Decline, last.Decision);
        Assert.True(last.Score >= 0.7, $"score {last.Score}");
        Assert.Equal(3, last.Reasons.Count); // MaxReasons default
        Assert.Contains(last.Reasons, r => r.Code == "foreign_country");
        Assert.Equal(last.Reasons.OrderByDescending(r => r.Contribution).Select(r => r.Code), last.Reasons.Select(r => r.Code));
    }

    [Fact]
    public async Task VelocityReadFromTheStoreRaisesTheScoreOfQuickRepeats()
    {
        var customer = TestTransactions.NewCustomerId();
        var start = TestTransactions.Afternoon();
        var scores = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            var body = TestTransactions.Typical(customer, start.AddSeconds(30 * i));
            scores.Add((await _client.ScoreOkAsync(body)).Score);
        }

        Assert.Equal(scores.Order(), scores);
        Assert.Equal(scores.Count, scores.Distinct().Count());
        var last = await factory.Services.GetRequiredService<TransactionStore>().GetRecentForCustomerAsync(customer, 1);
        Assert.Equal(3, Assert.Single(last).Features.RecentTransactions);
    }

    [Fact]
    public async Task TransactionsOutsideTheVelocityWindowDoNotCount()
    {
        var customer = TestTransactions.NewCustomerId();
        var start = TestTransactions.Afternoon();
        var first = await _client.ScoreOkAsync(TestTransactions.Typical(customer, start.AddHours(-2)));
        var second = await _client.ScoreOkAsync(TestTransactions.Typical(customer, start));

        Assert.Equal(first.Score, second.Score, 12);
    }

    [Fact]
    public async Task ScoredTransactionIsStoredWithTheConfiguredTtl()
    {
        var customer = TestTransactions.NewCustomerId();
        var id = TestTransactions.NewTransactionId();
        var body = TestTransactions.Typical(customer);
        body["transactionId"] = id;

        var response = await _client.ScoreOkAsync(body);

        Assert.Equal(id, response.TransactionId);
        var ttl = await factory.Redis.KeyTimeToLiveAsync($"fraud:txn:{id}");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, FraudServiceFactory.Ttl - TimeSpan.FromMinutes(1), FraudServiceFactory.Ttl);
        Assert.NotNull(await factory.Redis.KeyTimeToLiveAsync($"fraud:customer:{customer}:recent"));
        Assert.NotNull(await factory.Redis.KeyTimeToLiveAsync($"fraud:customer:{customer}:profile"));
    }

    [Fact]
    public async Task RepeatedRequestReturnsTheStoredResultWithoutCountingTwice()
    {
        var customer = TestTransactions.NewCustomerId();
        var body = TestTransactions.Typical(customer);
        body["transactionId"] = TestTransactions.NewTransactionId();

        var first = await _client.ScoreOkAsync(body);
        var second = await _client.ScoreOkAsync(body);

        Assert.Equal(first.Score, second.Score);
        Assert.Equal(first.ScoredAt, second.ScoredAt);
        var stored = await factory.Services.GetRequiredService<TransactionStore>().GetRecentForCustomerAsync(customer, 10);
        Assert.Single(stored);
        Assert.Equal(1, (long)await factory.Redis.HashGetAsync($"fraud:customer:{customer}:profile", "count"));
    }

    [Fact]
    public async Task ReusedIdForADifferentTransactionIsAConflict()
    {
        var id = TestTransactions.NewTransactionId();
        var body = TestTransactions.Typical(TestTransactions.NewCustomerId());
        body["transactionId"] = id;
        var original = await _client.ScoreOkAsync(body);

        body["amount"] = 999m;
        using var response = await _client.PostAsJsonAsync("/api/fraud/score", body, HttpExtensions.Json);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Contains(id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var stored = await factory.Services.GetRequiredService<TransactionStore>().GetAsync(id);
        Assert.Equal(42.50m, stored!.Amount);
        Assert.Equal(original.Score, stored.Score);
    }

    [Fact]
    public async Task ConcurrentScoringOfOneCustomerStoresEveryTransaction()
    {
        var customer = TestTransactions.NewCustomerId();
        var start = TestTransactions.Afternoon().AddHours(-8);
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            _client.ScoreOkAsync(TestTransactions.Typical(customer, start.AddMinutes(i * 20)))));

        Assert.Equal(20, responses.Select(r => r.TransactionId).Distinct().Count());
        Assert.Equal(20, (long)await factory.Redis.HashGetAsync($"fraud:customer:{customer}:profile", "count"));
    }
}
