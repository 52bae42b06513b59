using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LlmReference.Browser.Tests;

/// <summary>The Aspire dashboard as a user works it: the login form, the Resources page and a resource's menu.</summary>
public sealed class Dashboard(IPage page, AppHostProcess appHost)
{
    /// <summary>Startup on a loaded 2-core machine: every service healthy can take a couple of minutes.</summary>
    public static readonly TimeSpan HealthyTimeout = TimeSpan.FromMinutes(4);

    public IPage Page { get; } = page;

    /// <summary>
    /// Opens the link the AppHost printed (<c>/login?t=…</c>), as the README's quick start says; the dashboard takes the
    /// token from it, sets its cookie and goes on to the Resources page.
    /// </summary>
    public async Task LogInAsync()
    {
        await Page.GotoAsync(appHost.LoginUrl.ToString());
        await Page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
    }

    /// <summary>Types the printed token into the login form instead (the dashboard's "Where do I find the token?" path).</summary>
    public async Task LogInWithTheFormAsync()
    {
        await Page.GotoAsync(new Uri(appHost.DashboardUrl, "/login").ToString());
        // Blazor attaches its handlers once its connection is up; text typed before that is lost, so type again.
        for (var attempt = 1; ; attempt++)
        {
            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var field = Page.Locator("#token-text-field input");
            await field.FillAsync("");
            await field.PressSequentiallyAsync(appHost.BrowserToken);
            await Page.Locator("fluent-button[name=submit-token]").ClickAsync();
            try
            {
                await Page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new() { Timeout = 10_000, WaitUntil = WaitUntilState.Commit });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    public async Task OpenResourcesAsync()
    {
        await Page.GotoAsync(appHost.DashboardUrl.ToString());
        await Page.Locator("tr.resource-row").First.WaitForAsync();
    }

    public ILocator Row(string resource) => Page.Locator("tr.resource-row").Filter(new()
    {
        Has = Page.Locator(".resource-name-text", new() { HasTextRegex = new Regex($"^{Regex.Escape(resource)}$") }),
    });

    /// <summary>
    /// The State column's text: "Running" once healthy, "Running (Unhealthy)" before (without the error-log count badge
    /// the column also shows).
    /// </summary>
    public async Task<string> StateAsync(string resource) =>
        (await Row(resource).Locator("td[col-index='2'] .state-column-cell > span").First.InnerTextAsync()).Trim();

    /// <summary>Waits until the State column of every listed resource reads exactly "Running" (healthy).</summary>
    public async Task WaitForRunningAndHealthyAsync(IReadOnlyCollection<string> resources)
    {
        var deadline = DateTime.UtcNow + HealthyTimeout;
        while (true)
        {
            var states = new Dictionary<string, string>();
            foreach (var resource in resources)
            {
                states[resource] = await Row(resource).CountAsync() == 1 ? await StateAsync(resource) : "(not listed)";
            }

            if (states.Values.All(s => s == "Running"))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Not every resource is Running and healthy: " + string.Join(", ", states.Select(s => $"{s.Key} = {s.Value}")));
            }

            await Page.WaitForTimeoutAsync(1000);
        }
    }

    /// <summary>The first URL the Resources page shows for <paramref name="resource"/>.</summary>
    public async Task<Uri> UrlOfAsync(string resource)
    {
        var link = Row(resource).Locator("td[col-index='5'] a[href^='http']").First;
        return new Uri(await link.GetAttributeAsync("href") ?? throw new InvalidOperationException($"{resource} shows no URL."));
    }
}
