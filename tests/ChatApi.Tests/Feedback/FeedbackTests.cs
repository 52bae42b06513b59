using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LlmReference.ChatApi.Feedback;
using LlmReference.ChatApi.Guardrails;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace LlmReference.ChatApi.Tests.Feedback;

/// <summary>
/// <c>POST /api/chat/feedback</c> on the whole ChatApi (real model server, real Garnet): answers come from real chat
/// turns, so the response ids are the ones the chat flow recorded.
/// </summary>
[Collection(ChatApiCollection.Name)]
public sealed class FeedbackTests(ChatApiEnvironment environment)
{
    [Fact]
    public async Task VoteOnOwnAnswerIsStoredCountedAndShownAsAnEvaluation()
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();
        var answer = await client.ChatAsync("How do I freeze my card?");

        using var response = await client.PostFeedbackAsync(answer.ResponseId, "up", "Clear. My card 4111 1111 1111 1111 is frozen now.");

        var receipt = await response.Content.ReadFromJsonAsync<FeedbackReceipt>(ChatClient.Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new FeedbackReceipt(answer.ResponseId!, "up", "recorded", receipt!.TraceId), receipt);

        // Stored in Redis, with the card number in the comment masked.
        var stored = (await host.Services.GetRequiredService<FeedbackStore>().GetAsync(answer.ResponseId!))[ChatApiHost.DefaultUserId];
        Assert.Equal("up", stored.Score);
        Assert.Equal("Clear. My card **** **** **** 1111 is frozen now.", stored.Comment);
        Assert.Equal(answer.SessionId, stored.SessionId);
        Assert.Equal(answer.Model, stored.Model);

        // A span of its own in the rated answer's trace, under its chat turn, carrying the evaluation event and linked to
        // the feedback request. Read once the feedback request's server span has ended: the reply can arrive before
        // ASP.NET Core stops it, and a span list read meanwhile changes under the reader.
        await host.CompletedTraceAsync(receipt.TraceId, FeedbackEndpoints.Path);
        var spans = host.Spans.ToArray();
        var span = Assert.Single(spans, s => s.OperationName == FeedbackTelemetry.Span && Equals(s.GetTagItem("gen_ai.response.id"), answer.ResponseId));
        var evaluation = Assert.Single(span.Events, e => e.Name == GenAiEvaluation.EventName).Tags.ToDictionary();
        Assert.Equal("user_feedback", evaluation["gen_ai.evaluation.name"]);
        Assert.Equal(1.0, evaluation["gen_ai.evaluation.score.value"]);
        Assert.Equal("up", evaluation["gen_ai.evaluation.score.label"]);
        Assert.Equal(answer.ResponseId, evaluation["gen_ai.response.id"]);
        var turn = spans.Single(s => s.TraceId.ToHexString() == answer.TraceId && s.OperationName == ChatApiTelemetry.Spans.ChatTurn);
        Assert.Equal(turn.TraceId, span.TraceId);
        Assert.Equal(turn.SpanId, span.ParentSpanId);
        Assert.Contains(span.Links, l => l.Context.TraceId.ToHexString() == receipt.TraceId);
        Assert.NotEqual(answer.TraceId, receipt.TraceId);

        Assert.Equal(1, Votes(host, "up", "recorded"));
    }

    [Fact]
    public async Task SecondVoteReplacesTheFirstAndIsNotCountedTwice()
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();
        var answer = await client.ChatAsync("What is my daily cash limit?");

        Assert.Equal("recorded", (await ReceiptAsync(client, answer.ResponseId, "up")).Result);
        Assert.Equal("unchanged", (await ReceiptAsync(client, answer.ResponseId, "up")).Result);
        var last = await ReceiptAsync(client, answer.ResponseId, "down");
        Assert.Equal("updated", last.Result);

        var votes = await host.Services.GetRequiredService<FeedbackStore>().GetAsync(answer.ResponseId!);
        Assert.Equal("down", Assert.Single(votes).Value.Score);

        await host.CompletedTraceAsync(last.TraceId, FeedbackEndpoints.Path);
        Assert.Equal(1, Votes(host, "up", "recorded"));
        Assert.Equal(1, Votes(host, "down", "updated"));
        var evaluations = host.Spans.ToArray()
            .Where(s => s.OperationName == FeedbackTelemetry.Span && Equals(s.GetTagItem("gen_ai.response.id"), answer.ResponseId))
            .SelectMany(s => s.Events).Where(e => e.Name == GenAiEvaluation.EventName)
            .Select(e => e.Tags.ToDictionary()["gen_ai.evaluation.score.label"]).ToList();
        Assert.Equal(["up", "down"], evaluations);
    }

    [Fact]
    public async Task ConcurrentIdenticalVotesAreCountedOnce()
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();
        var answer = await client.ChatAsync("How do I report a lost card?");

        var receipts = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => ReceiptAsync(client, answer.ResponseId, "up")));

        Assert.Equal(1, receipts.Count(r => r.Result == "recorded"));
        Assert.All(receipts.Where(r => r.Result != "recorded"), r => Assert.Equal("unchanged", r.Result));
        Assert.Equal(1, Votes(host, "up", "recorded"));
        Assert.Single(await host.Services.GetRequiredService<FeedbackStore>().GetAsync(answer.ResponseId!));
    }

    [Fact]
    public async Task StreamedAnswerCanBeRated()
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();
        using var stream = await client.PostStreamAsync("Can I use my card abroad?");
        var done = (await stream.ReadAllEventsAsync()).Single(e => e.Type == "done");
        var responseId = done.Data.GetProperty("responseId").GetString();

        Assert.Equal("recorded", (await ReceiptAsync(client, responseId, "down")).Result);
    }

    [Fact]
    public async Task FeedbackOnAnUnknownAnswerIsNotFound()
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();

        using var response = await client.PostFeedbackAsync("chatcmpl-never-given", "down");

        var problem = await response.AssertProblemAsync(404);
        Assert.Contains("chatcmpl-never-given", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task FeedbackOnAnotherUsersAnswerIsNotFound()
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();
        var answer = await client.ChatAsync("Is my transfer through?");
        using var mallory = host.CreateClient();
        mallory.DefaultRequestHeaders.Remove("X-User-Id");
        mallory.DefaultRequestHeaders.Add("X-User-Id", "mallory");

        using var response = await mallory.PostFeedbackAsync(answer.ResponseId, "down");

        await response.AssertProblemAsync(404);
        Assert.Empty(await host.Services.GetRequiredService<FeedbackStore>().GetAsync(answer.ResponseId!));
    }

    [Fact]
    public async Task FeedbackAfterTheAnswerExpiredIsNotFound()
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?> { ["Feedback:ResponseTtl"] = "00:00:01" });
        using var client = host.CreateClient();
        var answer = await client.ChatAsync("When does my statement arrive?");

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var response = await client.PostFeedbackAsync(answer.ResponseId, "up");

        await response.AssertProblemAsync(404);
    }

    [Fact]
    public async Task AnonymousFeedbackIsUnauthorized()
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Remove("X-User-Id");

        using var response = await client.PostFeedbackAsync("chatcmpl-x", "up");

        await response.AssertProblemAsync(401);
    }

    [Theory]
    [InlineData("""{ "responseId": "chatcmpl-1", "score": "meh" }""", "score")]
    [InlineData("""{ "responseId": "chatcmpl-1" }""", "score")]
    [InlineData("""{ "score": "up" }""", "responseId")]
    [InlineData("""{ "responseId": "chat cmpl/1", "score": "up" }""", "responseId")]
    [InlineData("""{ "responseId": "chatcmpl-1", "score": "up", "rating": 5 }""", "rating")]
    [InlineData("""{ "responseId": "chatcmpl-1", "score": 1 }""", "JSON")]
    [InlineData("""{ "responseId": "chatcmpl-1", "score": "up" """, "JSON")]
    [InlineData("""not json""", "JSON")]
    public async Task InvalidFeedbackIsABadRequest(string body, string mentioned)
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();

        using var response = await client.PostAsync(FeedbackEndpoints.Path, new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(400);
        Assert.Contains(mentioned, problem.ToString());
    }

    [Fact]
    public async Task OverlongResponseIdIsABadRequest()
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();

        using var response = await client.PostFeedbackAsync(new string('a', FeedbackRequestValidator.MaxResponseIdLength + 1), "up");

        var problem = await response.AssertProblemAsync(400);
        Assert.Contains("1-128 characters", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CommentOverTheConfiguredLimitIsABadRequest()
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?> { ["Feedback:MaxCommentLength"] = "10" });
        using var client = host.CreateClient();

        using var response = await client.PostFeedbackAsync("chatcmpl-1", "up", "far too long a comment");

        var problem = await response.AssertProblemAsync(400);
        Assert.Contains("the limit is 10", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ControlCharacterInTheCommentIsABadRequest()
    {
        await using var host = new ChatApiHost(environment);
        using var client = host.CreateClient();

        using var response = await client.PostFeedbackAsync("chatcmpl-1", "down", "bad\0answer");

        var problem = await response.AssertProblemAsync(400);
        Assert.Contains("U+0000 at index 3", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OversizedBodyIsRejectedBeforeItIsRead()
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?>
        {
            ["Feedback:MaxRequestBodyBytes"] = "600",
            ["Feedback:MaxCommentLength"] = "20",
        });
        using var client = host.CreateKestrelClient();

        using var response = await client.PostAsync(FeedbackEndpoints.Path,
            new StringContent($$"""{ "responseId": "chatcmpl-1", "score": "up", "comment": "{{new string('x', 700)}}" }""", Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(413);
        Assert.Contains("600 bytes", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task FeedbackCountsAgainstTheCallersRequestRate()
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?> { ["RateLimiting:PermitLimit"] = "2" });
        using var client = host.CreateClient().As(ChatClient.NewUserId("feedback-rate"));
        var answer = await client.ChatAsync("Can I change my PIN?");

        Assert.Equal("recorded", (await ReceiptAsync(client, answer.ResponseId, "up")).Result);
        using var limited = await client.PostFeedbackAsync(answer.ResponseId, "down");

        await limited.AssertProblemAsync(429);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    private static async Task<FeedbackReceipt> ReceiptAsync(HttpClient client, string? responseId, string score)
    {
        using var response = await client.PostFeedbackAsync(responseId, score);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"feedback failed with {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<FeedbackReceipt>(body, ChatClient.Json)!;
    }

    private static long Votes(ChatApiHost host, string score, string result)
    {
        host.FlushTelemetry();
        var points = new List<MetricPoint>();
        foreach (var metric in host.Metrics.Where(m => m.Name == FeedbackTelemetry.Votes))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                points.Add(point);
            }
        }

        // Cumulative exports repeat the running total: the latest point per tag set is the count.
        return points
            .Where(p => Tag(p, FeedbackTelemetry.Tags.Score) == score && Tag(p, FeedbackTelemetry.Tags.Result) == result)
            .Select(p => p.GetSumLong()).DefaultIfEmpty(0).Max();
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}

internal static class FeedbackClient
{
    public static Task<HttpResponseMessage> PostFeedbackAsync(this HttpClient client, string? responseId, string score, string? comment = null) =>
        client.PostAsJsonAsync(FeedbackEndpoints.Path, new { responseId, score, comment }, ChatClient.Json);
}
