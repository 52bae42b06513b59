using Microsoft.Playwright;

namespace LlmReference.Browser.Tests;

/// <summary>The README's "Explore the dashboard" walk, in a real browser against the real AppHost.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserFixture fixture)
{
    [SkippableFact]
    public Task LoggingInWithThePrintedTokenShowsEveryResourceRunningAndHealthy() => BrowserTest.RunAsync(fixture, async page =>
    {
        await fixture.ChatApiAsync();
        var dashboard = new Dashboard(page, fixture.AppHost);

        await dashboard.LogInWithTheFormAsync();
        await dashboard.OpenResourcesAsync();

        foreach (var resource in BrowserFixture.Resources)
        {
            Assert.Equal("Running", await dashboard.StateAsync(resource));
        }
    });

    [SkippableFact]
    public Task AChatTurnShowsOnTheTracesPageAsOneTraceAcrossChatApiAndTheModel() => BrowserTest.RunAsync(fixture, async page =>
    {
        var chatApi = await fixture.ChatApiAsync();
        var chat = new ChatPage(page);
        await chat.OpenAsync(chatApi, "browser-trace");
        await chat.SendAsync(ChatPage.Unique("How do I order a new debit card?"));
        var answer = await chat.WaitForAnswerAsync();
        // The page keeps the turn's trace id on the answer's details line.
        var title = await answer.Locator(".meta").GetAttributeAsync("title");
        Assert.StartsWith("Trace ", title);
        var traceId = title!["Trace ".Length..];

        var dashboard = new Dashboard(page, fixture.AppHost);
        await dashboard.LogInAsync();
        // Telemetry reaches the dashboard in batches; the trace appears within seconds.
        await page.GotoAsync(new Uri(fixture.AppHost.DashboardUrl, "/traces").ToString());
        var row = page.Locator("tr").Filter(new() { HasText = "chatapi: POST /api/chat/stream" }).First;
        await row.WaitForAsync(new() { Timeout = 60_000 });

        await page.GotoAsync(new Uri(fixture.AppHost.DashboardUrl, $"/traces/detail/{traceId}").ToString());
        // The turn's spans, from the request down to the model server's own, are in this one trace.
        await page.GetByText("POST /v1/chat/completions").First.WaitForAsync(new() { Timeout = 60_000 });
        var resources = await page.Locator("[role=gridcell]").AllTextContentsAsync();
        var names = resources.Select(r => r.Trim()).ToHashSet();
        Assert.Contains("chatapi", names);
        Assert.Contains("model", names);
        await Assertions.Expect(page.GetByText("chat.turn", new() { Exact = true })).ToBeVisibleAsync();
    });
}
