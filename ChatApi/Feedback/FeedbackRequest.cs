using System.Text.Json.Serialization;

namespace LlmReference.ChatApi.Feedback;

/// <summary>Body of <c>POST /api/chat/feedback</c>. Unknown fields are rejected.</summary>
/// <param name="ResponseId">The <c>responseId</c> of the answer, from the chat response or the stream's <c>done</c> event.</param>
/// <param name="Score"><c>up</c> or <c>down</c>.</param>
/// <param name="Comment">Optional free text, at most <c>Feedback:MaxCommentLength</c> characters; card and account numbers in it are masked before it is stored.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FeedbackRequest(string? ResponseId, string? Score, string? Comment = null);

/// <summary>Reply to <c>POST /api/chat/feedback</c>.</summary>
/// <param name="ResponseId">The answer the vote is about.</param>
/// <param name="Score">The vote now stored.</param>
/// <param name="Result"><c>recorded</c> (first vote), <c>updated</c> (replaced an earlier vote) or <c>unchanged</c> (same vote again; not counted twice).</param>
/// <param name="TraceId">W3C trace id of this request.</param>
public sealed record FeedbackReceipt(string ResponseId, string Score, string Result, string? TraceId);
