using System.Runtime.CompilerServices;
using LlmReference.ChatApi.Chat;
using Microsoft.Extensions.AI;
using ChatResponse = Microsoft.Extensions.AI.ChatResponse;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlmReference.ChatApi.Budgets;

/// <summary>
/// Reserves the caller's tokens before the paid call (the tokenizer's prompt estimate plus a completion allowance;
/// <see cref="BudgetExceededException"/> when it does not fit) and charges what the model really used afterwards,
/// every tool round trip included. A call that fails before the model produced anything gives the reservation back.
/// Inside a chat turn the turn has already reserved in its opening round trip (<see cref="ChatTurnContext.ReservedBudget"/>):
/// the stage then only enforces that reservation's verdict and reports the usage, which the turn charges in its closing
/// round trip (or returns, if the call failed before it started). Alone, the stage reserves and charges by itself.
/// </summary>
public sealed class TokenBudgetChatClient(IChatClient inner, TokenBudget budget, IOptionsMonitor<TokenBudgetOptions> options, ILogger<TokenBudgetChatClient> logger)
    : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (ChatTurnContext.Of(options) is not { } turn)
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }

        var (reservation, held) = await ReserveAsync(turn);
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception ex) when (held is null)
        {
            await ReleaseQuietlyAsync(reservation, ex);
            throw;
        }

        // Function invocation sums the usage of every round trip into the final response.
        await ChargeAsync(turn, reservation, held, response.Usage);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (ChatTurnContext.Of(options) is not { } turn)
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        var (reservation, held) = await ReserveAsync(turn);
        var usage = new UsageDetails();
        var started = false;
        await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    break;
                }
            }
            catch (Exception ex) when (!started && held is null)
            {
                await ReleaseQuietlyAsync(reservation, ex);
                throw;
            }
            catch when (started && held is not null)
            {
                held.Settled = true;
                throw;
            }

            // Once the model has answered anything the reservation stands: the work was done (and billed).
            started = true;
            foreach (var content in updates.Current.Contents.OfType<UsageContent>())
            {
                usage.Add(content.Details);
            }

            yield return updates.Current;
        }

        await ChargeAsync(turn, reservation, held, usage);
    }

    /// <summary>The turn's own reservation if it made one (refused: thrown here), otherwise a new one.</summary>
    private async Task<(BudgetReservation Reservation, TurnBudget? Held)> ReserveAsync(ChatTurnContext turn)
    {
        if (turn.ReservedBudget is { } held)
        {
            return held.Reservation is { } reservation ? (reservation, held) : throw budget.Refuse(held);
        }

        return ((await budget.ReserveAsync(turn.UserId, turn.PromptTokens + options.CurrentValue.ReservedCompletionTokens)).Reservation, null);
    }

    /// <summary>Charges the real usage (a model that reports none is charged the reservation), or leaves it to the turn.</summary>
    private async Task ChargeAsync(ChatTurnContext turn, BudgetReservation reservation, TurnBudget? held, UsageDetails? usage)
    {
        var reported = (usage?.InputTokenCount ?? 0) + (usage?.OutputTokenCount ?? 0);
        var used = reported > 0 ? reported : reservation.Tokens;
        if (held is not null)
        {
            held.UsedTokens = used;
            return;
        }

        turn.Budget = await budget.ChargeAsync(reservation, used);
    }

    /// <summary>Returns an unused reservation; a failure here must not hide why the call failed.</summary>
    private async Task ReleaseQuietlyAsync(BudgetReservation reservation, Exception callFailure)
    {
        try
        {
            await budget.ReleaseAsync(reservation);
        }
        catch (RedisException ex)
        {
            Log.BudgetReleaseFailed(logger, reservation.UserId, reservation.Tokens, callFailure.GetType().Name, ex);
        }
    }
}
