using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using LlmReference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// Content capture as the dashboard receives it: ChatApi runs as a child process (its built output, as the AppHost
/// runs it) exporting spans over OTLP/HTTP to a small receiver here, which keeps the raw protobuf. Strings are stored
/// verbatim there, so finding a secret (or an attribute name) in the bytes is enough.
/// </summary>
[Collection(ChatApiCollection.Name)]
public sealed class ContentCaptureProcessTests(ChatApiEnvironment environment)
{
    [Fact]
    public async Task ExportedModelSpansCarryTheMessagesWhenCaptureIsOn()
    {
        const string secret = "the-password-hint-is-Echidna";
        var exported = await RunChatApiAsync(captureContent: true, $"Please remember that {secret}");

        // Microsoft.Extensions.AI's OpenTelemetry stage: the conventions' message attributes on the model call's span.
        Assert.Contains("chat bank-assist-large", exported, StringComparison.Ordinal);
        Assert.True(Occurrences(exported, secret) >= 1, "the secret is not in the exported spans");
        Assert.Contains("gen_ai.system_instructions", exported, StringComparison.Ordinal);
        Assert.Contains("gen_ai.input.messages", exported, StringComparison.Ordinal);
        Assert.Contains("gen_ai.output.messages", exported, StringComparison.Ordinal);
        Assert.Contains("gen_ai.usage.input_tokens", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoExportedSpanCarriesTheMessagesWhenCaptureIsOff()
    {
        const string secret = "the-password-hint-is-Numbat";
        var exported = await RunChatApiAsync(captureContent: false, $"Please remember that {secret}");

        Assert.Contains("chat bank-assist-large", exported, StringComparison.Ordinal);
        Assert.Equal(0, Occurrences(exported, secret));
        Assert.DoesNotContain("gen_ai.input.messages", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("gen_ai.output.messages", exported, StringComparison.Ordinal);
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Starts ChatApi with the given switch, sends one chat, and returns everything it exported (as Latin-1 text).</summary>
    private async Task<string> RunChatApiAsync(bool captureContent, string message)
    {
        var bodies = new ConcurrentQueue<byte[]>();
        var otlpPort = GarnetFixture.FreeTcpPort();
        var receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.WebHost.UseUrls($"http://127.0.0.1:{otlpPort.ToString(CultureInfo.InvariantCulture)}");
        await using var receiver = receiverBuilder.Build();
        receiver.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            bodies.Enqueue(buffer.ToArray());
            return Results.Ok();
        });
        await receiver.StartAsync();

        var port = GarnetFixture.FreeTcpPort();
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(ChatApiOutput(), "ChatApi.dll")])
        {
            WorkingDirectory = ChatApiOutput(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        env["ConnectionStrings__cache"] = environment.Garnet.ConnectionString;
        env["ConnectionStrings__model"] = environment.ModelServer.ConnectionString;
        env["Llm__CaptureContent"] = captureContent ? "true" : "false";
        env["ResponseCache__Enabled"] = "false";
        env["Tools__Enabled"] = "false";
        env["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{otlpPort.ToString(CultureInfo.InvariantCulture)}";
        env["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        env["OTEL_BSP_SCHEDULE_DELAY"] = "100";
        env.Remove("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT");

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") };
            client.DefaultRequestHeaders.Add("X-User-Id", "content-capture-test");
            await WaitUntilAsync(async () =>
            {
                try
                {
                    using var alive = await client.GetAsync("/alive");
                    return alive.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, () => $"ChatApi did not start:\n{output}");

            using var response = await client.PostAsJsonAsync("/api/chat", new { message });
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

            // The turn's span ends last; once it is exported, the model call's span (ended before it) is too.
            await WaitUntilAsync(() => Task.FromResult(Exported(bodies).Contains("chat.turn", StringComparison.Ordinal)), () => "no chat.turn span exported");
            return Exported(bodies);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static string Exported(ConcurrentQueue<byte[]> bodies) => string.Concat(bodies.Select(Encoding.Latin1.GetString));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure());
            await Task.Delay(100);
        }
    }

    /// <summary>ChatApi's build output next to this test assembly's (same configuration and framework).</summary>
    private static string ChatApiOutput()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        for (var dir = testOutput; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "ChatApi", "bin", configuration, framework);
            if (File.Exists(Path.Combine(candidate, "ChatApi.dll")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"ChatApi's build output not found above {testOutput.FullName}");
    }
}
