using System.Net;
using System.Net.Http.Json;
using LlmReference.FraudService.Simulation;
using LlmReference.FraudService.Tests.Infrastructure;
using LlmReference.FraudService.Tests.Simulation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace LlmReference.FraudService.Tests.Access;

/// <summary>
/// Every <c>/api/fraud</c> endpoint needs the API key: without it, or with a wrong one, the answer is a 401 problem
/// and nothing is read, scored, stored or counted. Probes and metrics stay open.
/// </summary>
public sealed class ApiKeyTests(SimulationFactory factory) : IClassFixture<SimulationFactory>
{
    private const string WrongKey = "wrong-key-that-looks-plausible-1234";

    public static TheoryData<string, string> ProtectedEndpoints => new()
    {
        { "POST", "/api/fraud/score" },
        { "POST", "/api/fraud/score/batch" },
        { "GET", "/api/fraud/transactions/t-1" },
        { "GET", "/api/fraud/customers/c-1/transactions" },
        { "POST", "/api/fraud/labels" },
        { "POST", "/api/fraud/labels/batch" },
        { "GET", "/api/fraud/monitoring" },
        { "GET", "/api/fraud/simulation" },
        { "POST", "/api/fraud/simulation/start" },
        { "POST", "/api/fraud/simulation/stop" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task EndpointWithoutAKeyIsUnauthorizedProblem(string method, string path)
    {
        using var client = factory.CreateClientWithoutKey();
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });

        var problem = await AssertUnauthorizedAsync(response);
        Assert.Contains("needs an API key in the X-Api-Key header", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("FraudApiKey header=\"X-Api-Key\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task EndpointWithAWrongKeyIsUnauthorizedProblem(string method, string path)
    {
        using var client = ClientWithKey(WrongKey);
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });

        var problem = await AssertUnauthorizedAsync(response);
        Assert.Contains("is not valid", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransactionScoredWithoutTheKeyIsNotStored()
    {
        var id = TestTransactions.NewTransactionId();
        var transaction = TestTransactions.Typical(TestTransactions.NewCustomerId());
        transaction["transactionId"] = id;
        using (var anonymous = factory.CreateClientWithoutKey())
        using (var refused = await anonymous.PostAsJsonAsync("/api/fraud/score", transaction, HttpExtensions.Json))
        {
            await AssertUnauthorizedAsync(refused);
        }

        using (var wrong = ClientWithKey(WrongKey))
        using (var refused = await wrong.PostAsJsonAsync("/api/fraud/score", transaction, HttpExtensions.Json))
        {
            await AssertUnauthorizedAsync(refused);
        }

        Assert.False(await factory.Redis.KeyExistsAsync($"fraud:txn:{id}"));
        using var client = factory.CreateClient();
        using var lookup = await client.GetAsync($"/api/fraud/transactions/{id}");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task LabelPostedWithoutTheKeyIsNotCounted()
    {
        using var client = factory.CreateClient();
        var scored = await client.ScoreOkAsync(TestTransactions.Typical(TestTransactions.NewCustomerId()));
        var label = new { transactionId = scored.TransactionId, isFraud = true };

        using (var anonymous = factory.CreateClientWithoutKey())
        using (var refused = await anonymous.PostAsJsonAsync("/api/fraud/labels", label, HttpExtensions.Json))
        {
            await AssertUnauthorizedAsync(refused);
        }

        using (var refusedBatch = await ClientWithKey(WrongKey).PostAsJsonAsync("/api/fraud/labels/batch", new { labels = new[] { label } }, HttpExtensions.Json))
        {
            await AssertUnauthorizedAsync(refusedBatch);
        }

        Assert.False(await factory.Redis.KeyExistsAsync($"fraud:label:{scored.TransactionId}"));
        // The same label sent with the key is the first one the service sees: accepted, not a duplicate.
        using var accepted = await client.PostAsJsonAsync("/api/fraud/labels", label, HttpExtensions.Json);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("accepted", (await accepted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task SimulationCannotBeStartedWithoutTheKey()
    {
        using var client = factory.CreateClient();
        using (var stop = await client.PostAsync("/api/fraud/simulation/stop", null))
        {
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        }

        using (var anonymous = factory.CreateClientWithoutKey())
        using (var refused = await anonymous.PostAsync("/api/fraud/simulation/start?profile=drifted", null))
        {
            await AssertUnauthorizedAsync(refused);
        }

        var status = await client.GetFromJsonAsync<SimulationStatus>("/api/fraud/simulation", HttpExtensions.Json);
        Assert.False(status!.Running);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    [InlineData("/metrics")]
    [InlineData("/slo")]
    public async Task ProbesAndMetricsNeedNoKey(string path)
    {
        using var client = factory.CreateClientWithoutKey();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RefusalsAreLoggedWithoutTheKey()
    {
        using (var anonymous = factory.CreateClientWithoutKey())
        using (await anonymous.GetAsync("/api/fraud/monitoring"))
        using (var wrong = ClientWithKey(WrongKey))
        using (await wrong.GetAsync("/api/fraud/monitoring"))
        using (var client = factory.CreateClient())
        using (await client.GetAsync("/api/fraud/monitoring"))
        {
        }

        var logs = factory.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, r => r.Id.Name == "FraudApiKeyMissing" && r.Message.Contains("/api/fraud/monitoring", StringComparison.Ordinal));
        Assert.Contains(logs, r => r.Id.Name == "FraudApiKeyInvalid" && r.Level == LogLevel.Warning);
        Assert.DoesNotContain(logs, r => Mentions(r, WrongKey) || Mentions(r, FraudServiceFactory.ApiKey));
    }

    private static bool Mentions(FakeLogRecord record, string text) =>
        record.Message.Contains(text, StringComparison.Ordinal)
        || record.StructuredState?.Any(kv => kv.Value?.Contains(text, StringComparison.Ordinal) == true) == true
        || record.Exception?.ToString().Contains(text, StringComparison.Ordinal) == true;

    private HttpClient ClientWithKey(string key)
    {
        var client = factory.CreateClientWithoutKey();
        client.DefaultRequestHeaders.Add(FraudApiKey.HeaderName, key);
        return client;
    }

    private static async Task<System.Text.Json.JsonElement> AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("type", out var type) && Uri.IsWellFormedUriString(type.GetString(), UriKind.Absolute));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }
}
