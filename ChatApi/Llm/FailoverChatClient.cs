using System.Diagnostics;
using System.Runtime.CompilerServices;
using LlmReference.ChatApi.Chat;
using Microsoft.Extensions.AI;
using ChatResponse = Microsoft.Extensions.AI.ChatResponse;
using static LlmReference.ChatApi.ChatApiTelemetry;

namespace LlmReference.ChatApi.Llm;

/// <summary>
/// Calls the deployments in order: one that is unavailable (an error status, no answer in time, its circuit breaker
/// open) hands the call to the next; one that refuses the request (a 4xx other than 429) fails the call with
/// <see cref="ModelRejectedException"/>. A stream is handed over only until its first update; once text has flowed it
/// stays where it is. When the last deployment is unavailable too the call fails with
/// <see cref="ModelsUnavailableException"/>, naming every deployment tried. Each deployment's breaker is Polly's, in
/// its HTTP client's resilience pipeline (<see cref="FailoverResilience"/>); this stage only decides where to go next.
/// </summary>
public sealed class FailoverChatClient(IReadOnlyList<DeploymentChatClient> deployments, ChatApiMetrics metrics, ILogger<FailoverChatClient> logger)
    : IChatClient
{
    public IReadOnlyList<DeploymentChatClient> Deployments { get; } = deployments.Count > 0
        ? deployments
        : throw new ArgumentException("At least one deployment is required.", nameof(deployments));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        FirstAvailableAsync(options, (client, token) => client.GetResponseAsync(messages, options, token), cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = await FirstAvailableAsync(options, (client, token) => StartAsync(client, messages, options, token), cancellationToken);
        if (stream.Started)
        {
            yield return stream.Updates.Current;
            while (await stream.Updates.MoveNextAsync())
            {
                yield return stream.Updates.Current;
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this)
            ? this
            // The primary's services (its ActivitySource among them, which function invocation uses for its spans).
            : Deployments[0].Client.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        foreach (var deployment in Deployments)
        {
            deployment.Client.Dispose();
        }
    }

    /// <summary>The one failover loop, for whole answers and for the first update of streamed ones.</summary>
    private async Task<T> FirstAvailableAsync<T>(ChatOptions? options, Func<IChatClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var turn = ChatTurnContext.Of(options);
        var failures = new List<Exception>();
        for (var i = 0; ; i++)
        {
            var (deployment, client) = Deployments[i];
            try
            {
                var result = await call(client, cancellationToken);
                turn?.Deployment = deployment;
                return result;
            }
            catch (Exception ex) when (ModelFailure.IsUnavailable(ex, cancellationToken))
            {
                failures.Add(ex);
                if (i + 1 == Deployments.Count)
                {
                    throw new ModelsUnavailableException([.. Deployments.Select(d => d.Deployment)], failures);
                }

                FailedOver(turn, deployment, Deployments[i + 1].Deployment, ex);
            }
            catch (Exception ex) when (ModelFailure.RejectedStatus(ex) is { } status)
            {
                // The deployment refused the request (our request or configuration is wrong): asking the next would
                // hide that. The failure names this deployment and its status, never the provider's text.
                throw new ModelRejectedException(deployment, status, ex);
            }
        }
    }

    private static async Task<StartedStream> StartAsync(IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var updates = client.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            return new StartedStream(updates, await updates.MoveNextAsync());
        }
        catch
        {
            await updates.DisposeAsync();
            throw;
        }
    }

    private void FailedOver(ChatTurnContext? turn, LlmDeployment from, LlmDeployment to, Exception exception)
    {
        var errorType = ModelFailure.ErrorType(exception);
        metrics.RecordFailover(from.Name, to.Name, errorType, from.Model);
        turn?.Activity?.AddEvent(new ActivityEvent(Events.Failover, tags: new ActivityTagsCollection
        {
            { Tags.FailoverFrom, from.Name },
            { Tags.FailoverTo, to.Name },
            { Tags.ErrorType, errorType },
        }));
        Log.FailedOver(logger, turn?.SessionId ?? "-", from.Name, to.Name, errorType);
    }

    private sealed record StartedStream(IAsyncEnumerator<ChatResponseUpdate> Updates, bool Started) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Updates.DisposeAsync();
    }
}
