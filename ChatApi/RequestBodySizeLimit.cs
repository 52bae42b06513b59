using Microsoft.AspNetCore.Http.Metadata;

namespace LlmReference.ChatApi;

/// <summary>Endpoint metadata carrying a configured body size limit (the attribute form needs a constant).</summary>
internal sealed class RequestBodySizeLimit(long maxBytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = maxBytes;
}
