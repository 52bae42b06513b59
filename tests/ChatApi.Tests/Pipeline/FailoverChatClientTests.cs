using LlmReference.ChatApi.Chat;
using LlmReference.ChatApi.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace LlmReference.ChatApi.Tests.Pipeline;

/// <summary>The failover stage alone, over the two real deployments' OpenAI clients (no turn, no HTTP endpoint).</summary>
[Collection(ChatApiCollection.Name)]
public sealed class FailoverChatClientTests(ChatApiEnvironment environment) : IAsyncLifetime
{
    private readonly ModelServerHost _fallback = new("model-fallback", "bank-assist-small");

    public Task InitializeAsync() => environment.ModelServer.HealAsync();

    public async Task DisposeAsync()
    {
        await environment.ModelServer.HealAsync();
        await _fallback.DisposeAsync();
    }

    private ChatApiHost Host() => new(environment, ChatApiHost.WithFallback(_fallback));

    [Fact]
    public async Task AWholeAnswerComesFromTheNextDeploymentWhenThePrimaryIsDown()
    {
        await using var host = Host();
        var failover = host.Services.GetRequiredService<FailoverChatClient>();
        await environment.ModelServer.SetFaultAsync("outage");
        var turn = StageTurn.New();

        var response = await failover.GetResponseAsync(StageTurn.Ask("Is my transfer complete?"), StageTurn.Options(turn));

        Assert.Equal("bank-assist-small", response.ModelId);
        Assert.Equal("model-fallback", turn.Deployment?.Name);
        Assert.False(string.IsNullOrEmpty(response.Text));
    }

    [Fact]
    public async Task AStreamMovesToTheNextDeploymentBeforeItsFirstUpdate()
    {
        await using var host = Host();
        var failover = host.Services.GetRequiredService<FailoverChatClient>();
        await environment.ModelServer.SetFaultAsync("outage");
        var turn = StageTurn.New();

        List<ChatResponseUpdate> updates = [];
        await foreach (var update in failover.GetStreamingResponseAsync(StageTurn.Ask("Is my transfer complete?"), StageTurn.Options(turn)))
        {
            updates.Add(update);
        }

        Assert.Equal("bank-assist-small", updates.ToChatResponse().ModelId);
        Assert.Equal("model-fallback", turn.Deployment?.Name);
        Assert.False(string.IsNullOrEmpty(updates.ToChatResponse().Text));
    }

    [Fact]
    public async Task WhenNoDeploymentAnswersTheFailureNamesEveryOne()
    {
        await using var host = Host();
        var failover = host.Services.GetRequiredService<FailoverChatClient>();
        await environment.ModelServer.SetFaultAsync("outage");
        await _fallback.SetFaultAsync("outage");

        var failure = await Assert.ThrowsAsync<ModelsUnavailableException>(() =>
            failover.GetResponseAsync(StageTurn.Ask("Anyone there?"), StageTurn.Options(StageTurn.New())));

        Assert.Equal(["model", "model-fallback"], failure.Tried.Select(d => d.Name));
        // No breaker was open, so the default wait is advertised.
        Assert.Equal(ModelsUnavailableException.DefaultRetryAfter, failure.RetryAfter);
    }

    [Fact]
    public async Task ARejectedCallIsNotHandedOver()
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>(ChatApiHost.WithFallback(_fallback))
        {
            ["ConnectionStrings:model"] = ChatApiHost.ModelConnectionString(environment.ModelServer.V1Endpoint.ToString(), "no-such-model"),
        });
        var failover = host.Services.GetRequiredService<FailoverChatClient>();
        var turn = StageTurn.New();

        // The primary answered "no" (an unknown model is our configuration's fault): asking the next would hide it.
        var failure = await Assert.ThrowsAsync<ModelRejectedException>(() => failover.GetResponseAsync(StageTurn.Ask("Hello?"), StageTurn.Options(turn)));

        Assert.Equal("model", failure.Deployment.Name);
        Assert.Equal(404, failure.StatusCode);
        Assert.Null(turn.Deployment);
        Assert.Empty(await _fallback.RecentRequestsAsync());
    }
}
