using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Tests.Infrastructure;
using LlmReference.FraudService.Transactions;

namespace LlmReference.FraudService.Tests.Transactions;

[Collection(FraudServiceCollection.Name)]
public sealed class TransactionsApiTests(FraudServiceFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task StoredTransactionIsReturnedWithFeaturesScoreAndDecision()
    {
        var customer = TestTransactions.NewCustomerId();
        var scored = await _client.ScoreOkAsync(TestTransactions.Suspicious(customer, TestTransactions.Night()));

        var stored = await _client.GetFromJsonAsync<ScoredTransaction>($"/api/fraud/transactions/{scored.TransactionId}", HttpExtensions.Json);

        Assert.NotNull(stored);
        Assert.Equal(customer, stored.CustomerId);
        Assert.Equal(2400m, stored.Amount);
        Assert.Equal("crypto", stored.MerchantCategory);
        Assert.Equal(scored.Score, stored.Score);
        Assert.Equal(scored.Decision, stored.Decision);
        Assert.Equal(RulesModel.ModelVersion, stored.ModelVersion);
        Assert.Equal(3, stored.Features.HourOfDay);
        Assert.False(stored.Features.CardPresent);
        Assert.Equal(scored.Reasons.Select(r => r.Code), stored.Reasons.Select(r => r.Code));
    }

    [Fact]
    public async Task UnknownTransactionIsNotFoundProblem()
    {
        using var response = await _client.GetAsync($"/api/fraud/transactions/{TestTransactions.NewTransactionId()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Contains("retention", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredTransactionIsNotFound()
    {
        var scored = await _client.ScoreOkAsync(TestTransactions.Typical(TestTransactions.NewCustomerId()));
        await factory.Redis.KeyDeleteAsync($"fraud:txn:{scored.TransactionId}"); // what the TTL does when it runs out

        using var response = await _client.GetAsync($"/api/fraud/transactions/{scored.TransactionId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MalformedTransactionIdIsBadRequest()
    {
        using var response = await _client.GetAsync("/api/fraud/transactions/bad%20id");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.ReadProblemAsync();
    }

    [Fact]
    public async Task CustomerTransactionsAreNewestFirstAndLimited()
    {
        var customer = TestTransactions.NewCustomerId();
        var start = TestTransactions.Afternoon().AddHours(-3);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _client.ScoreOkAsync(TestTransactions.Typical(customer, start.AddMinutes(i)))).TransactionId);
        }

        var all = await _client.GetFromJsonAsync<CustomerTransactionsResponse>($"/api/fraud/customers/{customer}/transactions", HttpExtensions.Json);
        var two = await _client.GetFromJsonAsync<CustomerTransactionsResponse>($"/api/fraud/customers/{customer}/transactions?limit=2", HttpExtensions.Json);

        Assert.Equal(Enumerable.Reverse(ids), all!.Transactions.Select(t => t.TransactionId));
        Assert.Equal(ids[2], two!.Transactions[0].TransactionId);
        Assert.Equal(2, two.Transactions.Count);
    }

    [Fact]
    public async Task CustomerListIsTheSharedContractWithoutTheModelsFeatures()
    {
        var customer = TestTransactions.NewCustomerId();
        var scored = await _client.ScoreOkAsync(TestTransactions.Suspicious(customer, TestTransactions.Night()));

        using var response = await _client.GetAsync($"/api/fraud/customers/{customer}/transactions");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        // ChatApi reads this reply with the same contract type (FraudService.Contracts), so the two cannot drift apart.
        var list = json.Deserialize<CustomerTransactionsResponse>(HttpExtensions.Json)!;
        Assert.Equal(customer, list.CustomerId);
        var transaction = Assert.Single(list.Transactions);
        Assert.Equal(scored.TransactionId, transaction.TransactionId);
        Assert.Equal(MerchantCategory.Crypto, transaction.MerchantCategory);
        Assert.Equal(scored.Decision, transaction.Decision);
        Assert.Equal(scored.Reasons.Select(r => r.Code), transaction.Reasons.Select(r => r.Code));

        // What the model saw is FraudService's business (GET /api/fraud/transactions/{id} has it), not a list client's.
        var wire = Assert.Single(json.GetProperty("transactions").EnumerateArray());
        Assert.False(wire.TryGetProperty("features", out _), "the list carries the stored record's features");
        Assert.Equal("crypto", wire.GetProperty("merchantCategory").GetString());
    }

    [Fact]
    public async Task CustomerListIsCappedAtTheConfiguredSize()
    {
        var customer = TestTransactions.NewCustomerId();
        var start = TestTransactions.Afternoon().AddHours(-3);
        for (var i = 0; i < FraudServiceFactory.RecentPerCustomer + 2; i++)
        {
            await _client.ScoreOkAsync(TestTransactions.Typical(customer, start.AddMinutes(i)));
        }

        var list = await _client.GetFromJsonAsync<CustomerTransactionsResponse>($"/api/fraud/customers/{customer}/transactions?limit=100", HttpExtensions.Json);

        Assert.Equal(FraudServiceFactory.RecentPerCustomer, list!.Transactions.Count);
        Assert.Equal(start.AddMinutes(FraudServiceFactory.RecentPerCustomer + 1), list.Transactions[0].Timestamp);
    }

    [Fact]
    public async Task UnknownCustomerHasNoTransactions()
    {
        var list = await _client.GetFromJsonAsync<CustomerTransactionsResponse>(
            $"/api/fraud/customers/{TestTransactions.NewCustomerId()}/transactions", HttpExtensions.Json);

        Assert.Empty(list!.Transactions);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("many")]
    public async Task LimitOutOfRangeIsBadRequestProblem(string limit)
    {
        using var response = await _client.GetAsync($"/api/fraud/customers/c1/transactions?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Contains("limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
