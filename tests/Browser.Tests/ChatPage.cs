using Microsoft.Playwright;

namespace LlmReference.Browser.Tests;

/// <summary>ChatApi's chat page (ChatApi/wwwroot) as a user works it.</summary>
public sealed class ChatPage(IPage page)
{
    /// <summary>A turn on a loaded machine: a tool round trip and a streamed answer at the local model's pace.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(90);

    public IPage Page { get; } = page;

    public ILocator Message => Page.Locator("#message");

    /// <summary>
    /// <paramref name="question"/> with a reference no other test sends: the response cache answers a repeated first
    /// message, and a cached answer names no deployment and spends no tokens.
    /// </summary>
    public static string Unique(string question) => $"{question} (ref {Guid.NewGuid().ToString("N")[..8]})";

    public ILocator LastAnswer => Page.Locator("#log li.assistant").Last;

    public async Task OpenAsync(Uri chatApi, string userId)
    {
        await Page.GotoAsync(chatApi.ToString());
        await Page.Locator("details.settings summary").ClickAsync();
        await Page.Locator("#user-id").FillAsync(userId);
        await Page.Locator("#user-id").DispatchEventAsync("change");
    }

    /// <summary>Types <paramref name="text"/> and presses Enter, as the page's hint says.</summary>
    public async Task SendAsync(string text)
    {
        await Message.FillAsync(text);
        await Message.PressAsync("Enter");
    }

    /// <summary>Waits until the last answer is complete (no longer busy) and returns it.</summary>
    public async Task<ILocator> WaitForAnswerAsync()
    {
        var answer = Page.Locator("#log li.assistant[aria-busy='false']").Last;
        await answer.WaitForAsync(new() { Timeout = (float)AnswerTimeout.TotalMilliseconds });
        return answer;
    }
}
