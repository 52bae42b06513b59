using System.Runtime.CompilerServices;
using LlmReference.TestSupport;
using Microsoft.Playwright;

namespace LlmReference.Browser.Tests;

/// <summary>
/// Runs a test body in a fresh browser context and keeps a full-page screenshot of every failure under
/// <c>TestResults/browser/</c> (beside the TRX files CI keeps), named for the test.
/// </summary>
public static class BrowserTest
{
    public static string ScreenshotDirectory { get; } = Repository.Path("TestResults", "browser");

    public static async Task RunAsync(BrowserFixture fixture, Func<IPage, Task> body, [CallerMemberName] string name = "")
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.MissingReason);
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        // Generous, not tight: the assertion is what appears, not how fast (a 2-core machine may be busy).
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        try
        {
            await body(page);
        }
        catch (Exception ex) when (ex is not SkipException)
        {
            Directory.CreateDirectory(ScreenshotDirectory);
            var path = Path.Combine(ScreenshotDirectory, $"{name}.png");
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
            throw new Xunit.Sdk.XunitException($"{ex.Message}\nScreenshot: {path}\nAppHost output (last lines):\n{fixture.AppHost.Output}", ex);
        }
    }
}
