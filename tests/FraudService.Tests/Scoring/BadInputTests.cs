using System.Net;
using System.Net.Http.Json;
using System.Text;
using LlmReference.FraudService.Tests.Infrastructure;

namespace LlmReference.FraudService.Tests.Scoring;

/// <summary>Every malformed request gets a 4xx problem-details answer that says what is wrong, and nothing is stored.</summary>
[Collection(FraudServiceCollection.Name)]
public sealed class BadInputTests(FraudServiceFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private Task<HttpResponseMessage> PostRawAsync(string json, string mediaType = "application/json") =>
        _client.PostAsync("/api/fraud/score", new StringContent(json, Encoding.UTF8, mediaType));

    [Fact]
    public async Task MissingFieldsAreListedInErrors()
    {
        using var response = await _client.PostAsJsonAsync("/api/fraud/score", new { amount = 10m });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "currency", "merchantCategory", "country", "cardPresent", "timestamp", "customerId" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {problem}");
        }

        Assert.False(errors.TryGetProperty("amount", out _));
        Assert.Contains("customerId", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amount", -5)]
    [InlineData("amount", 0)]
    [InlineData("amount", 5_000_000_000)]
    [InlineData("currency", "XYZ")]
    [InlineData("merchantCategory", "weapons")]
    [InlineData("country", "XX")]
    [InlineData("transactionId", "not valid!")]
    public async Task InvalidFieldIsReportedUnderItsName(string field, object value)
    {
        var customer = TestTransactions.NewCustomerId();
        var body = TestTransactions.Typical(customer);
        body[field] = value;

        using var response = await _client.PostAsJsonAsync("/api/fraud/score", body, HttpExtensions.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await factory.Redis.KeyExistsAsync([$"fraud:customer:{customer}:recent", $"fraud:customer:{customer}:profile"]));
    }

    [Theory]
    [InlineData(0.001, "GBP")]
    [InlineData(0.5, "JPY")]
    public async Task AmountFinerThanTheMinorUnitIsA400ProblemAndNothingIsStored(double amount, string currency)
    {
        var customer = TestTransactions.NewCustomerId();
        var body = TestTransactions.Typical(customer);
        body["amount"] = (decimal)amount;
        body["currency"] = currency;

        using var response = await _client.PostAsJsonAsync("/api/fraud/score", body, HttpExtensions.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        var error = Assert.Single(problem.GetProperty("errors").GetProperty("amount").EnumerateArray()).GetString();
        Assert.Contains("ISO 4217", error, StringComparison.Ordinal);
        Assert.Equal(0, await factory.Redis.KeyExistsAsync([$"fraud:customer:{customer}:recent", $"fraud:customer:{customer}:profile"]));
    }

    [Fact]
    public async Task TimestampInTheFutureIsRejected()
    {
        var body = TestTransactions.Typical(TestTransactions.NewCustomerId(), DateTimeOffset.UtcNow.AddHours(1));

        using var response = await _client.PostAsJsonAsync("/api/fraud/score", body, HttpExtensions.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty("timestamp", out _));
    }

    [Fact]
    public async Task UnknownFieldIsRejectedByName()
    {
        var body = TestTransactions.Typical(TestTransactions.NewCustomerId());
        body["merchantName"] = "ACME";

        using var response = await _client.PostAsJsonAsync("/api/fraud/score", body, HttpExtensions.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.ReadProblemAsync()).GetProperty("detail").GetString()!;
        Assert.Contains("merchantName", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("LlmReference", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"amount\": 10,")]
    [InlineData("not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"amount\": \"ten\"}")]
    [InlineData("{\"cardPresent\": \"yes\"}")]
    [InlineData("{\"timestamp\": \"yesterday\"}")]
    public async Task MalformedJsonIsBadRequestProblem(string json)
    {
        using var response = await PostRawAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.ReadProblemAsync()).GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.DoesNotContain("ScoreRequest", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyBodyIsBadRequestProblem()
    {
        using var response = await PostRawAsync("");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.ReadProblemAsync()).GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task WrongContentTypeIsUnsupportedMediaTypeProblem()
    {
        using var response = await PostRawAsync("amount=10", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await response.ReadProblemAsync();
    }

    [Fact]
    public async Task BodyOverTheConfiguredLimitIsRejected()
    {
        var body = TestTransactions.Typical(TestTransactions.NewCustomerId());
        body["transactionId"] = new string('a', FraudServiceFactory.MaxRequestBodyBytes);

        using var response = await _client.PostAsJsonAsync("/api/fraud/score", body, HttpExtensions.Json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var detail = (await response.ReadProblemAsync()).GetProperty("detail").GetString();
        Assert.Contains($"{FraudServiceFactory.MaxRequestBodyBytes} bytes", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimitIsRejected()
    {
        // No Content-Length: the limit has to hold while the body streams in.
        var json = "{\"currency\": \"" + new string('a', FraudServiceFactory.MaxRequestBodyBytes) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/fraud/score")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await response.ReadProblemAsync();
    }

    [Fact]
    public async Task BodyJustUnderTheLimitIsRead()
    {
        // Same shape, smaller padding: it fails validation (id too long) rather than the size limit, proving the limit is not lower.
        var body = TestTransactions.Typical(TestTransactions.NewCustomerId());
        body["transactionId"] = new string('a', FraudServiceFactory.MaxRequestBodyBytes - 400);

        using var response = await _client.PostAsJsonAsync("/api/fraud/score", body, HttpExtensions.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty("transactionId", out _));
    }

    [Fact]
    public async Task UnknownRouteIsNotFoundProblem()
    {
        using var response = await _client.GetAsync("/api/fraud/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.ReadProblemAsync();
    }
}
