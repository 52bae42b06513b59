using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace LlmReference.Browser.Tests;

/// <summary>ChatApi's chat page in a real browser, against the real AppHost (ChatApi, the model, FraudService, Garnet).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatPageTests(BrowserFixture fixture)
{
    [SkippableFact]
    public Task AnAnswerStreamsInAndShowsModelDeploymentTokensAndLatency() => BrowserTest.RunAsync(fixture, async page =>
    {
        var chat = new ChatPage(page);
        await chat.OpenAsync(await fixture.ChatApiAsync(), "browser-stream");

        await chat.SendAsync(ChatPage.Unique("How do I order a new debit card?"));

        // Streaming: text is on the page while the answer is still marked busy (the local model writes at a reading pace).
        await page.Locator("#log li.assistant[aria-busy='true'] .text:not(:empty)").WaitForAsync();
        var answer = await chat.WaitForAnswerAsync();
        Assert.False(string.IsNullOrWhiteSpace(await answer.Locator(".text").InnerTextAsync()));
        var meta = answer.Locator(".meta");
        await Assertions.Expect(meta).ToBeVisibleAsync();
        var details = await meta.InnerTextAsync();
        Assert.Matches(@"^bank-assist-\w+ on model(-fallback)? · ", details);  // model and deployment
        Assert.Matches(@" · [1-9]\d* in / [1-9]\d* out tokens · ", details);  // tokens
        Assert.Matches(@" · \d+(\.\d+)? m?s \(first text after \d+(\.\d+)? m?s\)", details); // latency
        Assert.DoesNotContain("cached", details);
        Assert.StartsWith("Session ", await page.Locator("#session").InnerTextAsync());
    });

    [SkippableFact]
    public Task ThumbsUpRecordsFeedback() => BrowserTest.RunAsync(fixture, async page =>
    {
        var chat = new ChatPage(page);
        await chat.OpenAsync(await fixture.ChatApiAsync(), "browser-feedback");
        await chat.SendAsync(ChatPage.Unique("What are your opening hours?"));
        var answer = await chat.WaitForAnswerAsync();

        var recorded = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/chat/feedback", StringComparison.Ordinal));
        await answer.GetByRole(AriaRole.Button, new() { Name = "Helpful", Exact = true }).ClickAsync();
        var response = await recorded;

        Assert.True(response.Ok, $"POST /api/chat/feedback answered {response.Status}");
        await Assertions.Expect(answer.Locator(".vote-status")).ToHaveTextAsync("Thanks for the feedback.");
        await Assertions.Expect(answer.GetByRole(AriaRole.Button, new() { Name = "Helpful", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
    });

    [SkippableFact]
    public Task AFraudQuestionShowsTheToolAssistedAnswer() => BrowserTest.RunAsync(fixture, async page =>
    {
        var chat = new ChatPage(page);
        await chat.OpenAsync(await fixture.ChatApiAsync(), $"browser-tool-{Guid.NewGuid():N}"[..24]);

        await chat.SendAsync("Is this payment of 2500 EUR at an electronics shop in Nigeria fraud? I did not make it.");
        var answer = await chat.WaitForAnswerAsync();

        // The model server answers from the fraud tool's result: the score FraudService gave this payment.
        var text = await answer.Locator(".text").InnerTextAsync();
        Assert.Contains("I checked this payment", text);
        Assert.Matches(@"fraud risk score of \d", text);
    });

    [SkippableFact]
    public Task AnInvalidMessageShowsAReadableError() => BrowserTest.RunAsync(fixture, async page =>
    {
        var chat = new ChatPage(page);
        await chat.OpenAsync(await fixture.ChatApiAsync(), "browser-invalid");

        // A NUL cannot be typed; pasted text can carry one. ChatApi refuses it with a problem detail the page shows.
        await chat.Message.EvaluateAsync("(el) => { el.value = 'card\\u0000 blocked?'; }");
        await chat.Message.PressAsync("Enter");
        var answer = await chat.WaitForAnswerAsync();

        await Assertions.Expect(answer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\berror\b"));
        Assert.Equal("Invalid chat request", await answer.Locator(".who").TextContentAsync());
        Assert.Contains("control character U+0000", await answer.Locator(".text").TextContentAsync());
        // No rating for an answer that never came.
        await Assertions.Expect(answer.Locator(".feedback")).ToBeHiddenAsync();
    });

    [SkippableFact]
    public Task ThePageHasNoSeriousOrCriticalAccessibilityViolations() => BrowserTest.RunAsync(fixture, async page =>
    {
        var chat = new ChatPage(page);
        await chat.OpenAsync(await fixture.ChatApiAsync(), "browser-a11y");
        await chat.SendAsync(ChatPage.Unique("How do I order a new debit card?"));
        await chat.WaitForAnswerAsync();

        // Checked with a conversation on the page: answers, their details line and the feedback buttons included.
        var results = await page.RunAxe();
        var blocking = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v =>
            $"{v.Impact}: {v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    });
}
