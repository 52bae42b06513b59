using LlmReference.ChatApi.Budgets;
using LlmReference.ChatApi.Sessions;
using StackExchange.Redis;
using static LlmReference.ChatApi.ChatApiTelemetry;

namespace LlmReference.ChatApi.Chat;

/// <summary>
/// How a failed turn is reported: the HTTP status and problem text for the client, and the <c>outcome</c> for
/// <c>chat.requests</c>. One table for the plain and the streaming endpoint.
/// </summary>
public sealed record ChatFailure(int Status, string Title, string Detail, string Outcome)
{
    /// <summary>The failure for a known exception, or null for a bug (which becomes a logged 500).</summary>
    public static ChatFailure? Describe(Exception exception, string model, CancellationToken requestAborted) => exception switch
    {
        Guardrails.GuardrailBlockedException ex => new(StatusCodes.Status422UnprocessableEntity, "Message not accepted", ex.Message,
            Guardrails.GuardrailBlockedException.Outcome),
        PromptTooLargeException ex => new(StatusCodes.Status400BadRequest, "Prompt too large",
            $"With the system prompt, the message is {ex.PromptTokens} tokens; the limit is {ex.MaxPromptTokens}. Send a shorter message.",
            Outcomes.PromptTooLarge),
        BudgetExceededException ex => new(StatusCodes.Status429TooManyRequests, "Token budget exceeded",
            $"This request needs about {ex.RequestedTokens} tokens, more than is left of your {(ex.Limit == "day" ? "daily" : "per-minute")} " +
            $"token budget ({ex.Status.RemainingThisMinute} left this minute, {ex.Status.RemainingToday} today). Retry after {RetryAfterSeconds(ex.RetryAfter)} s.",
            Outcomes.BudgetExceeded),
        StreamIdleTimeoutException ex => new(StatusCodes.Status504GatewayTimeout, "Model stream stalled",
            $"The language model '{model}' stopped sending the answer for {ex.IdleTimeout.TotalSeconds:0.#} s, so the answer was abandoned. Try again.",
            Outcomes.StreamStalled),
        // The providers' own error texts go to the log, not to the client: they may name hosts, keys' owners or internals.
        ModelsUnavailableException ex => new(StatusCodes.Status503ServiceUnavailable, "Model unavailable",
            $"No language model answered: the deployments tried ({ex.TriedDescription}) did not answer. Your message was not stored; " +
            $"retry after {RetryAfterSeconds(ex.RetryAfter)} s.",
            Outcomes.ModelUnavailable),
        // Before the model checks: a cache error wraps the socket error it met, which they would take for the model's.
        RedisConnectionException or RedisTimeoutException => new(StatusCodes.Status503ServiceUnavailable, "Conversation store unavailable",
            "The conversation store (cache) did not answer, so your message was not processed and nothing was stored. Retry after the time in Retry-After.",
            Outcomes.StoreUnavailable),
        _ when ModelFailure.IsUnavailable(exception, requestAborted) => new(StatusCodes.Status503ServiceUnavailable, "Model unavailable",
            $"The language model '{model}' did not answer. Your message was not stored; try again shortly.",
            Outcomes.ModelUnavailable),
        // Said in our words: the provider's text can quote the prompt or name the account (it is logged, redacted).
        ModelRejectedException ex => new(StatusCodes.Status502BadGateway, "Model rejected the request",
            $"The language model deployment '{ex.Deployment.Name}' ({ex.Deployment.Model}) refused the request with HTTP {ex.StatusCode}. " +
            "This is a service configuration problem, not your input; your message was not stored.",
            Outcomes.ModelError),
        SessionConflictException => new(StatusCodes.Status409Conflict, "Session busy",
            "Other requests for this session kept changing it; this turn was not stored. Send one message at a time per session.",
            Outcomes.Conflict),
        _ => null,
    };

    public static int RetryAfterSeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
}
