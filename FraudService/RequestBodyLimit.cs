using Microsoft.AspNetCore.Http.Metadata;

namespace LlmReference.FraudService;

/// <summary>Endpoint metadata that routing turns into the request's maximum body size (Kestrel answers 413 beyond it).</summary>
internal sealed record RequestBodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
