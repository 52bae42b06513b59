using System.Collections.Concurrent;

namespace LlmReference.LoadGenerator.Tests.Fakes;

/// <summary>An HTTP handler that answers with whatever the test says, and keeps the requests it saw.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public ConcurrentQueue<(HttpRequestMessage Request, string Body)> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request, body));
        return respond(request);
    }

    public static HttpClient Client(Func<HttpRequestMessage, HttpResponseMessage> respond, out StubHandler handler, string baseAddress = "http://localhost:5280/")
    {
        handler = new StubHandler(respond);
        return new HttpClient(handler) { BaseAddress = new Uri(baseAddress) };
    }
}
