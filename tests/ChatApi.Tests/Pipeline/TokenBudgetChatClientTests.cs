using LlmReference.ChatApi.Budgets;
using LlmReference.ChatApi.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace LlmReference.ChatApi.Tests.Pipeline;

/// <summary>The budget stage alone, over the real deployment client and the real budget counters in Garnet.</summary>
[Collection(ChatApiCollection.Name)]
public sealed class TokenBudgetChatClientTests(ChatApiEnvironment environment) : IAsyncLifetime
{
    private const int PerMinute = 5000;

    public Task InitializeAsync() => environment.ModelServer.HealAsync();

    public Task DisposeAsync() => environment.ModelServer.HealAsync();

    private ChatApiHost Host() => new(environment, new Dictionary<string, string?>
    {
        ["Budgets:TokensPerMinute"] = PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Budgets:TokensPerDay"] = "100000",
    });

    private static TokenBudgetChatClient Stage(ChatApiHost host) =>
        ActivatorUtilities.CreateInstance<TokenBudgetChatClient>(host.Services, host.Services.GetRequiredService<FailoverChatClient>());

    [Fact]
    public async Task WhatTheModelReportedIsCharged()
    {
        await using var host = Host();
        var turn = StageTurn.New();

        var response = await Stage(host).GetResponseAsync(StageTurn.Ask("What is my card limit?"), StageTurn.Options(turn));

        var used = response.Usage!.InputTokenCount!.Value + response.Usage.OutputTokenCount!.Value;
        Assert.True(used > 0);
        Assert.Equal(PerMinute - used, turn.Budget!.RemainingThisMinute);
    }

    [Fact]
    public async Task AStreamedAnswerIsChargedItsReportedUsage()
    {
        await using var host = Host();
        var turn = StageTurn.New();

        List<ChatResponseUpdate> updates = [];
        await foreach (var update in Stage(host).GetStreamingResponseAsync(StageTurn.Ask("What is my card limit?"), StageTurn.Options(turn)))
        {
            updates.Add(update);
        }

        var usage = updates.ToChatResponse().Usage!;
        Assert.Equal(PerMinute - (usage.InputTokenCount + usage.OutputTokenCount), turn.Budget!.RemainingThisMinute);
    }

    [Fact]
    public async Task OverTheBudgetTheModelIsNeverCalled()
    {
        await using var host = Host();
        await environment.ModelServer.ClearRequestsAsync();

        await Assert.ThrowsAsync<BudgetExceededException>(() =>
            Stage(host).GetResponseAsync(StageTurn.Ask("Hello?"), StageTurn.Options(StageTurn.New(promptTokens: PerMinute))));

        Assert.Empty(await environment.ModelServer.RecentRequestsAsync());
    }

    [Fact]
    public async Task ACallThatFailsBeforeAnsweringGivesTheReservationBack()
    {
        await using var host = Host();
        var stage = Stage(host);
        var user = $"stage-{Guid.NewGuid():N}"[..20];
        await environment.ModelServer.SetFaultAsync("outage");

        await Assert.ThrowsAnyAsync<Exception>(() => stage.GetResponseAsync(StageTurn.Ask("Hello?"), StageTurn.Options(StageTurn.New(user))));
        await environment.ModelServer.HealAsync();
        var turn = StageTurn.New(user);
        var response = await stage.GetResponseAsync(StageTurn.Ask("Hello?"), StageTurn.Options(turn));

        // Only the second call's usage is spent: the failed call's reservation came back.
        Assert.Equal(PerMinute - (response.Usage!.InputTokenCount + response.Usage.OutputTokenCount), turn.Budget!.RemainingThisMinute);
    }
}
