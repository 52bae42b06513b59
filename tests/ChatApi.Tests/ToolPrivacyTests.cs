using System.Diagnostics;
using System.Text.Json;
using LlmReference.ChatApi.Tools;
using LlmReference.ChatApi.Tests.Feedback;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// What ChatApi records about a turn that calls the bank tools (real model server, real FraudService, real Garnet):
/// no customer id in clear in any log or in the HTTP client spans, and a failed tool call handed to the model as a
/// neutral sentence while its detail goes to the trace.
/// </summary>
[Collection(ChatApiCollection.Name)]
public sealed class ToolPrivacyTests(ChatApiEnvironment environment) : IAsyncLifetime
{
    private FraudServiceHost _fraud = null!;

    public Task InitializeAsync()
    {
        _fraud = new FraudServiceHost(environment.Garnet.ConnectionString);
        return environment.ModelServer.HealAsync();
    }

    public async Task DisposeAsync() => await _fraud.DisposeAsync();

    [Fact]
    public async Task LogsAndHttpSpansOfAChatTurnWithToolCallsHoldNoCustomerId()
    {
        var customer = $"cust-{Guid.NewGuid():N}";
        await using var host = new LoggingHost(environment, _fraud);
        using var client = ClientFor(host, customer);

        var scored = await client.ChatAsync("Is this payment of 2500 EUR at an electronics shop in Nigeria fraud? I did not make it.");
        var listed = await client.ChatAsync("Please show my recent card transactions", scored.SessionId);
        using var feedback = await client.PostFeedbackAsync(listed.ResponseId, "up", "Thanks");
        Assert.True(feedback.IsSuccessStatusCode);
        host.FlushTelemetry();

        // The list call really went out with the id in its path, and was logged and traced as its route template.
        var logs = host.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, l => Text(l).Contains("/api/fraud/customers/", StringComparison.Ordinal));
        Assert.All(logs, l => Assert.DoesNotContain(customer, Text(l), StringComparison.Ordinal));
        var listCall = Assert.Single(host.Spans, s => s.TraceId.ToHexString() == listed.TraceId && s.Kind == ActivityKind.Client
            && (s.GetTagItem("url.template") as string) == FraudClientTelemetry.CustomerTransactionsRoute);
        Assert.EndsWith(FraudClientTelemetry.CustomerTransactionsRoute, (string)listCall.GetTagItem("url.full")!, StringComparison.Ordinal);
        Assert.All(host.Spans.Where(s => s.Kind == ActivityKind.Client),
            s => Assert.DoesNotContain(customer, s.GetTagItem("url.full") as string ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFailedToolCallReachesTheModelAsANeutralSentenceAndItsDetailTheTrace()
    {
        await using var host = new LoggingHost(environment, _fraud);
        using var client = ClientFor(host, $"cust-{Guid.NewGuid():N}");

        // FraudService refuses half a yen (ISO 4217: JPY has no minor unit) with a 400 problem.
        var reply = await client.ChatAsync("Is this payment of 0.5 JPY at a grocery shop in Japan fraud? I did not make it.");

        var toolResult = Assert.Single(host.ModelTraffic.LastMessages(), m => m.Role == "tool").Content;
        var told = toolResult.StartsWith('"') ? JsonSerializer.Deserialize<string>(toolResult)! : toolResult;
        Assert.Equal(BankToolsPlugin.ScoreUnavailable, told);
        Assert.DoesNotContain("400", reply.Reply, StringComparison.Ordinal);
        Assert.DoesNotContain("minor unit", reply.Reply, StringComparison.Ordinal);
        host.FlushTelemetry();
        var failure = host.Spans.Where(s => s.TraceId.ToHexString() == reply.TraceId)
            .SelectMany(s => s.Events).Single(e => e.Name == BankToolsPlugin.FailureEvent);
        Assert.Equal(400, failure.Tags.Single(t => t.Key == "http.response.status_code").Value);
        Assert.Contains("amount", (string)failure.Tags.Single(t => t.Key == "bank.tool.failure.detail").Value!, StringComparison.Ordinal);
    }

    private static string Text(FakeLogRecord record) =>
        record.Message + " " + string.Join(" ", record.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? []);

    private static HttpClient ClientFor(ChatApiHost host, string userId)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Remove("X-User-Id");
        client.DefaultRequestHeaders.Add("X-User-Id", userId);
        return client;
    }

    /// <summary>Tools on, every log record collected (after redaction, as a provider sees it).</summary>
    private sealed class LoggingHost(ChatApiEnvironment environment, FraudServiceHost fraud) : ChatApiHost(environment, new Dictionary<string, string?>
    {
        ["Tools:Enabled"] = "true",
        ["services:fraud:http:0"] = fraud.BaseAddress.ToString(),
        ["Logging:LogLevel:Default"] = "Debug",
    })
    {
        protected override void ConfigureServices(IServiceCollection services) => services.AddFakeLogging();
    }
}
