namespace LlmReference.ModelServer.Admin;

/// <summary>Per-request facts that handlers hand to the journal and the metrics through <see cref="HttpContext.Items"/>.</summary>
internal sealed class RequestContext
{
    private static readonly object Key = new();

    /// <summary>Timestamp (from <see cref="TimeProvider"/>) at which the request reached the /v1 pipeline.</summary>
    public long StartTimestamp { get; init; }

    /// <summary>The model the request named.</summary>
    public string? Model { get; set; }

    /// <summary>The model that answered (null when the request failed before generation).</summary>
    public string? ResponseModel { get; set; }

    public bool? Stream { get; set; }

    /// <summary><c>error.type</c> for a failed request: the OpenAI error code, or the HTTP status when there is none.</summary>
    public string? ErrorType { get; set; }

    public static RequestContext? Of(HttpContext context) => context.Items[Key] as RequestContext;

    public static RequestContext Start(HttpContext context, long timestamp)
    {
        var request = new RequestContext { StartTimestamp = timestamp };
        context.Items[Key] = request;
        return request;
    }
}
