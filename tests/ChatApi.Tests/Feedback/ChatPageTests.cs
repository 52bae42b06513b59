using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmReference.ChatApi.Chat;
using LlmReference.ChatApi.Feedback;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace LlmReference.ChatApi.Tests.Feedback;

/// <summary>
/// The static chat page in <c>ChatApi/wwwroot</c>, served the way ChatApi serves it (<c>UseDefaultFiles</c> +
/// <c>UseStaticFiles</c>) over real HTTP: it loads with all its assets, needs nothing from the internet, and speaks
/// the server's current contract (paths and event names).
/// </summary>
public sealed partial class ChatPageTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public static string WebRoot { get; } = FindWebRoot();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { WebRootPath = WebRoot, EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.UseDefaultFiles();
        _app.UseStaticFiles();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task TheFaviconIsServed()
    {
        using var response = await _client.GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        // An ICO file: reserved 0, type 1 (icon), at least one image.
        var icon = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, icon[..4]);
        Assert.True(icon[4] > 0);
    }

    [Fact]
    public async Task RootServesTheChatPageWithEveryAssetItLinks()
    {
        using var page = await _client.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var assets = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.Contains("chat.js", assets);
        Assert.Contains("chat.css", assets);
        foreach (var asset in assets)
        {
            using var response = await _client.GetAsync("/" + asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("index.html")]
    [InlineData("chat.js")]
    [InlineData("chat.css")]
    public void PageNeedsNothingFromTheInternet(string file)
    {
        var text = File.ReadAllText(Path.Combine(WebRoot, file));
        Assert.DoesNotMatch(ExternalUrl(), text);
        Assert.DoesNotContain("@import", text);
    }

    [Fact]
    public void ScriptSpeaksTheServersContract()
    {
        var script = File.ReadAllText(Path.Combine(WebRoot, "chat.js"));

        Assert.Contains($"\"{ChatEndpoints.StreamPath}\"", script);
        Assert.Contains($"\"{FeedbackEndpoints.Path}\"", script);
        foreach (var type in new[] { ChatStreamEvents.Delta, ChatStreamEvents.Done, ChatStreamEvents.Error })
        {
            Assert.Contains($"case \"{type}\":", script);
        }

        // Fields of the done event the page shows, as the server serializes them (camelCase).
        foreach (var field in new[] { "sessionId", "model", "deployment", "inputTokens", "outputTokens", "latencyMs", "responseId" })
        {
            Assert.Contains($".{field}", script);
        }

        // Every field the page reads from the done event is one the server sends.
        var sent = JsonSerializer.SerializeToNode(
            new ChatStreamDone("s", "m", new ChatUsage(1, 2), "r", "t", 3, 4, false, "model", "new", null), JsonSerializerOptions.Web)!.AsObject();
        foreach (var read in DoneFieldRead().Matches(script).Select(m => m.Groups["field"].Value).Distinct())
        {
            Assert.True(sent.ContainsKey(read), $"chat.js reads done.{read}, which the server does not send");
        }

        Assert.Contains("X-User-Id", script);
    }

    [Fact]
    public void PageIsAccessible()
    {
        var html = File.ReadAllText(Path.Combine(WebRoot, "index.html"));

        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("name=\"viewport\"", html);
        Assert.Contains("aria-live=\"polite\"", html);
        foreach (var id in new[] { "message", "user-id", "api-key" })
        {
            Assert.Contains($"<label for=\"{id}\"", html);
            Assert.Contains($"id=\"{id}\"", html);
        }
    }

    private static string FindWebRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "ChatApi", "wwwroot");
            if (File.Exists(Path.Combine(candidate, "index.html")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("ChatApi/wwwroot was not found above the test output directory.");
    }

    [GeneratedRegex(@"\bdone\.(?<field>[A-Za-z]+)")]
    private static partial Regex DoneFieldRead();

    [GeneratedRegex("(?:href|src)=\"(?<url>[^\"]+)\"")]
    private static partial Regex AssetReference();

    [GeneratedRegex("""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}""")]
    private static partial Regex ExternalUrl();
}
