using System.Text.Json;
using System.Text.Json.Nodes;
using LlmReference.ModelServer.Tools;
using LlmReference.ModelServer.Wire;
using Microsoft.Extensions.Time.Testing;

namespace LlmReference.ModelServer.Tests;

/// <summary>Tool choice and argument extraction, without HTTP.</summary>
public sealed class ToolArgumentTests
{
    private static readonly JsonElement FraudSchema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "amount": { "type": "number" },
            "currency": { "type": "string" },
            "merchant": { "type": "string" },
            "countryCode": { "type": "string", "description": "ISO 3166 alpha-2 country code" },
            "hourOfDay": { "type": "integer", "minimum": 0, "maximum": 23 },
            "isOnline": { "type": "boolean" },
            "category": { "type": "string", "enum": ["groceries", "travel", "crypto", "gambling"] },
            "note": { "type": "string" }
          },
          "required": ["amount", "currency", "merchant", "countryCode", "hourOfDay", "isOnline", "category"]
        }
        """).RootElement;

    private readonly ArgumentExtractor _extractor = new(TimeProvider.System);

    [Fact]
    public void ArgumentsAreTakenFromTheUserTextAndMatchTheSchemaTypes()
    {
        var arguments = JsonNode.Parse(_extractor.Extract(FraudSchema,
            "Is a £1,250.00 online payment at Bitcoin Direct Ltd in Romania at 3am for crypto suspicious?"))!.AsObject();

        Assert.Equal(1250.00, (double)arguments["amount"]!);
        Assert.Equal("GBP", (string?)arguments["currency"]);
        Assert.Equal("Bitcoin Direct Ltd", (string?)arguments["merchant"]);
        Assert.Equal("RO", (string?)arguments["countryCode"]);
        Assert.Equal(3, (int)arguments["hourOfDay"]!);
        Assert.True((bool)arguments["isOnline"]!);
        Assert.Equal("crypto", (string?)arguments["category"]);
        Assert.False(arguments.ContainsKey("note"));
    }

    [Fact]
    public void FraudServiceShapedArgumentsAreFilledFromTheText()
    {
        var schema = JsonDocument.Parse("""
            {
              "type": "object",
              "properties": {
                "amount": { "type": "number" },
                "currency": { "type": "string" },
                "merchantCategory": { "type": "string" },
                "country": { "type": "string", "description": "ISO 3166-1 alpha-2 code of the country" },
                "cardPresent": { "type": "boolean" },
                "timestamp": { "type": "string", "format": "date-time" }
              },
              "required": ["amount", "currency", "merchantCategory", "country", "cardPresent", "timestamp"]
            }
            """).RootElement;

        var arguments = JsonNode.Parse(_extractor.Extract(schema, "Is a $4,800 online purchase of electronics in Brazil at 3am fraudulent?"))!.AsObject();

        Assert.Equal(4800, (double)arguments["amount"]!);
        Assert.Equal("USD", (string?)arguments["currency"]);
        Assert.Equal("electronics", (string?)arguments["merchantCategory"]);
        Assert.Equal("BR", (string?)arguments["country"]);
        Assert.False((bool)arguments["cardPresent"]!);
        Assert.Equal(3, DateTimeOffset.Parse((string)arguments["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture).Hour);
    }

    [Theory]
    [InlineData("2026-12-02T01:00:00Z", "2026-12-01T03:00:00Z")] // 03:00 today is still to come: yesterday's
    [InlineData("2026-12-02T03:00:00Z", "2026-12-02T03:00:00Z")] // the hour itself: now
    [InlineData("2026-12-02T14:30:00Z", "2026-12-02T03:00:00Z")] // later in the day: today's
    [InlineData("2027-01-01T00:10:00Z", "2026-12-31T03:00:00Z")] // across a year boundary
    public void ANamedHourIsItsMostRecentPastOccurrence(string now, string expected)
    {
        var schema = JsonDocument.Parse("""
            { "type": "object", "properties": { "timestamp": { "type": "string", "format": "date-time" } }, "required": ["timestamp"] }
            """).RootElement;
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        var arguments = JsonNode.Parse(new ArgumentExtractor(clock).Extract(schema, "Is a $4,800 online purchase of electronics in Brazil at 3am fraudulent?"))!.AsObject();

        var timestamp = DateTimeOffset.Parse((string)arguments["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), timestamp);
        Assert.True(timestamp <= clock.GetUtcNow());
    }

    [Fact]
    public void RequiredArgumentsNotInTheTextGetValidDefaults()
    {
        var arguments = JsonNode.Parse(_extractor.Extract(FraudSchema, "Does this payment look fraudulent?"))!.AsObject();

        Assert.Equal(JsonValueKind.Number, arguments["amount"]!.GetValueKind());
        Assert.Equal(DateTimeOffset.UtcNow.Hour, (int)arguments["hourOfDay"]!, tolerance: 1);
        Assert.Equal("groceries", (string?)arguments["category"]);
        Assert.Equal(JsonValueKind.False, arguments["isOnline"]!.GetValueKind());
        Assert.Equal(JsonValueKind.String, arguments["merchant"]!.GetValueKind());
    }

    [Fact]
    public void FraudQuestionPicksTheScoringToolAndOtherQuestionsPickNone()
    {
        var planner = new ToolCallPlanner(_extractor);
        List<ToolDefinition> tools =
        [
            Tool("Accounts-get_balance", "Gets the balance of the customer's account"),
            Tool("Fraud-score_transaction", "Scores a card transaction for fraud risk"),
        ];

        var fraud = planner.Plan(tools, null, "Is a $90 charge from Acme Games fraudulent?", seed: 1);
        var balance = planner.Plan(tools, null, "What is the balance of my account?", seed: 1);
        var none = planner.Plan(tools, null, "What is the overdraft fee?", seed: 1);
        var dispute = planner.Plan(tools, null, "How do I dispute a card transaction?", seed: 1);
        var forbidden = planner.Plan(tools, JsonDocument.Parse("\"none\"").RootElement, "Is a $90 charge fraudulent?", seed: 1);

        Assert.Equal("Fraud-score_transaction", fraud?.Name);
        Assert.StartsWith("call_", fraud?.Id);
        Assert.Equal("Accounts-get_balance", balance?.Name);
        Assert.Null(none);
        Assert.Null(dispute);
        Assert.Null(forbidden);
    }

    private static ToolDefinition Tool(string name, string description) => new()
    {
        Type = "function",
        Function = new FunctionDefinition { Name = name, Description = description, Parameters = FraudSchema },
    };

    [Theory]
    [InlineData("Was this bitcoin purchase on Coinbase for 300 EUR fraud?", "crypto")]
    [InlineData("Is an 80 EUR gift card bought online suspicious?", "gift_cards")]
    [InlineData("I paid 200 EUR for a hotel in Spain, is that flagged?", "hotels")]
    [InlineData("A 45 EUR clothing order, is it fraud?", "apparel")]
    public void CategoryWordsMapToFraudServicesVocabulary(string question, string category)
    {
        // The schema ChatApi sends: the contract's wire names as the enum (no synonym list to drift from it).
        var names = string.Join(",", LlmReference.FraudService.Contracts.MerchantCategoryNames.All.Select(n => $"\"{n}\""));
        var schema = JsonDocument.Parse($$$"""{"type":"object","properties":{"category":{"type":"string","enum":[{{{names}}}]}},"required":["category"]}""").RootElement;

        var arguments = JsonNode.Parse(_extractor.Extract(schema, question))!.AsObject();

        Assert.Equal(category, (string?)arguments["category"]);
    }
}
