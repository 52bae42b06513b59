namespace LlmReference.ServiceDefaults.Cache;

/// <summary>Endpoint metadata: the endpoint cannot do its work without the cache, so it runs through the <see cref="CacheCircuitBreaker"/>.</summary>
public sealed class RequiresCacheMetadata
{
    public static readonly RequiresCacheMetadata Instance = new();

    private RequiresCacheMetadata()
    {
    }
}
