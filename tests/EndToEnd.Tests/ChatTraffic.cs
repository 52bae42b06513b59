using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// Steady chat traffic in the background, one turn at a time, until disposed: what the SLO counters and Prometheus's
/// rate() windows need to see. Every turn has its own user (no per-user rate limit or token budget applies) and its own
/// message (the response cache cannot answer for the model). At about one turn a second it stays under the model
/// servers' own request limits, so every failure it sees comes from an injected fault.
/// </summary>
public sealed class ChatTraffic : IAsyncDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    private readonly HttpClient _chat;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(HttpStatusCode Status, string? Deployment)> _turns = new();
    private readonly Task _loop;

    private ChatTraffic(HttpClient chat)
    {
        _chat = chat;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Starts sending turns through <paramref name="chat"/>, a client with no retries of its own and no default
    /// <c>X-User-Id</c> (each turn sets its own).
    /// </summary>
    public static ChatTraffic Start(HttpClient chat) => new(chat);

    public int Answered => _turns.Count(t => t.Status == HttpStatusCode.OK);

    public int Failed => _turns.Count(t => (int)t.Status >= 500);

    /// <summary>How many turns the given deployment answered.</summary>
    public int AnsweredBy(string deployment) => _turns.Count(t => t.Deployment == deployment);

    /// <summary>Counts per status and answering deployment, for assertion messages.</summary>
    public override string ToString() => string.Join(", ", _turns
        .GroupBy(t => t.Deployment is null ? $"{(int)t.Status}" : $"{(int)t.Status} from {t.Deployment}")
        .Select(g => $"{g.Count()} x {g.Key}"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat")
                {
                    Content = JsonContent.Create(new { message = $"What are your fees? ({Guid.NewGuid():N})" }),
                };
                request.Headers.Add("X-User-Id", $"e2e-traffic-{Guid.NewGuid():N}");
                using var response = await _chat.SendAsync(request, _stop.Token);
                string? deployment = null;
                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(_stop.Token);
                    deployment = body.TryGetProperty("deployment", out var d) ? d.GetString() : null;
                }

                _turns.Enqueue((response.StatusCode, deployment));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // No response at all (connection refused, client timeout): a failure the assertions should show.
                _turns.Enqueue((HttpStatusCode.GatewayTimeout, null));
            }

            try
            {
                await Task.Delay(Pause, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
