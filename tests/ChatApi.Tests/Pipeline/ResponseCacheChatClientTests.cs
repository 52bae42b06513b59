using LlmReference.ChatApi.Caching;
using LlmReference.ChatApi.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace LlmReference.ChatApi.Tests.Pipeline;

/// <summary>The response-cache stage alone, over the real deployment client and the real cache in Garnet.</summary>
[Collection(ChatApiCollection.Name)]
public sealed class ResponseCacheChatClientTests(ChatApiEnvironment environment) : IAsyncLifetime
{
    public Task InitializeAsync() => environment.ModelServer.HealAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private ChatApiHost Host() => new(environment, new Dictionary<string, string?> { ["ResponseCache:Enabled"] = "true" });

    private static ResponseCacheChatClient Stage(ChatApiHost host) =>
        ActivatorUtilities.CreateInstance<ResponseCacheChatClient>(host.Services, host.Services.GetRequiredService<FailoverChatClient>());

    [Fact]
    public async Task AFirstMessageAskedAgainIsAnsweredWithoutAModelCall()
    {
        await using var host = Host();
        var stage = Stage(host);
        var question = $"What are the fees of account {Guid.NewGuid():N}?";
        var first = await stage.GetResponseAsync(StageTurn.Ask(question), StageTurn.Options(StageTurn.New(cacheable: true)));
        await environment.ModelServer.ClearRequestsAsync();

        var turn = StageTurn.New(cacheable: true);
        var again = await stage.GetResponseAsync(StageTurn.Ask(question), StageTurn.Options(turn));

        Assert.Equal("exact", turn.CacheKind);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(first.ResponseId, again.ResponseId);
        Assert.Empty(await environment.ModelServer.RecentRequestsAsync());
    }

    [Fact]
    public async Task AStreamedHitIsTheCachedAnswer()
    {
        await using var host = Host();
        var stage = Stage(host);
        var question = $"Can I freeze card {Guid.NewGuid():N}?";
        var first = await stage.GetResponseAsync(StageTurn.Ask(question), StageTurn.Options(StageTurn.New(cacheable: true)));

        var turn = StageTurn.New(cacheable: true);
        List<ChatResponseUpdate> updates = [];
        await foreach (var update in stage.GetStreamingResponseAsync(StageTurn.Ask(question), StageTurn.Options(turn)))
        {
            updates.Add(update);
        }

        Assert.Equal("exact", turn.CacheKind);
        Assert.Equal(first.Text, updates.ToChatResponse().Text);
    }

    [Fact]
    public async Task ALaterMessageOfASessionAlwaysReachesTheModel()
    {
        await using var host = Host();
        var stage = Stage(host);
        var question = $"And the fees of account {Guid.NewGuid():N}?";
        await stage.GetResponseAsync(StageTurn.Ask(question), StageTurn.Options(StageTurn.New(cacheable: false)));
        await environment.ModelServer.ClearRequestsAsync();

        var turn = StageTurn.New(cacheable: false);
        await stage.GetResponseAsync(StageTurn.Ask(question), StageTurn.Options(turn));

        Assert.Null(turn.CacheKind);
        Assert.Single(await environment.ModelServer.RecentRequestsAsync());
    }
}
