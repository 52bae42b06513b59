namespace LlmReference.CacheServer.Garnet;

/// <summary>
/// Gives Garnet's loggers one category root, <see cref="CategoryPrefix"/> (Garnet names them <c>GarnetServer</c>,
/// <c>ArgParser</c>, <c>Options</c>, ...), so its thirty-line start-up banner can be set to Warning with one setting
/// (ServiceDefaults does, overridable with <c>Logging__LogLevel__Garnet</c>) without hiding CacheServer's own lines.
/// </summary>
internal sealed class GarnetLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public const string CategoryPrefix = "Garnet";

    public ILogger CreateLogger(string categoryName) => inner.CreateLogger($"{CategoryPrefix}.{categoryName}");

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The host owns the inner factory.
    public void Dispose()
    {
    }
}
