using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// Issue 13's planted-transaction probe, through the real AppHost: a caller without FraudService's key tries to plant a
/// large payment under a chat user's customer id; the plant is refused, nothing is stored, and when that user asks the
/// chatbot for their recent transactions the tool lists what was really scored for them, not the plant.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class CustomerDataAccessTests(AppHostFixture fixture)
{
    [Fact]
    public async Task ATransactionPlantedWithoutTheKeyIsRefusedAndNeverReadOutToTheCustomer()
    {
        var customer = $"e2e-plant-{Guid.NewGuid():N}"[..30];

        // The probe: no credential, as anyone who can reach the service.
        using var anonymous = new HttpClient { BaseAddress = fixture.App.GetEndpoint("fraud", "http") };
        using var planted = await anonymous.PostAsJsonAsync("/api/fraud/score", Payment(customer, 9500m, "BRL", "BR"));
        Assert.Equal(HttpStatusCode.Unauthorized, planted.StatusCode);
        Assert.Equal("application/problem+json", planted.Content.Headers.ContentType?.MediaType);

        // A real payment of the customer's, scored by a caller that holds the key.
        using var fraud = fixture.CreateClient("fraud", userId: null);
        using var scored = await fraud.PostAsJsonAsync("/api/fraud/score", Payment(customer, 1234.56m, "GBP", "GB"));
        Assert.True(scored.IsSuccessStatusCode, $"scoring with the key returned {(int)scored.StatusCode}");

        var stored = await fraud.GetFromJsonAsync<JsonElement>($"/api/fraud/customers/{customer}/transactions");
        var amounts = stored.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("amount").GetDecimal()).ToList();
        Assert.Equal([1234.56m], amounts);

        // The customer asks the chatbot; its tool reads their transactions with ChatApi's key.
        using var chat = fixture.CreateClient("chatapi", customer);
        using var response = await chat.PostAsJsonAsync("/api/chat", new { message = "Show me my recent transactions" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/chat returned {(int)response.StatusCode}: {body}");
        var reply = JsonDocument.Parse(body).RootElement.GetProperty("reply").GetString()!;
        Assert.Contains("1234.56", reply);
        Assert.DoesNotContain("9500", reply);
        Assert.DoesNotContain("BRL", reply);
    }

    private static object Payment(string customerId, decimal amount, string currency, string country) => new
    {
        transactionId = $"e2e-{Guid.NewGuid():N}",
        customerId,
        amount,
        currency,
        merchantCategory = "electronics",
        country,
        cardPresent = false,
        timestamp = DateTimeOffset.UtcNow.AddHours(-2),
    };
}
