namespace LlmReference.CacheServer.Tests;

/// <summary>A fresh data directory per test, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("cache-server-tests-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process being torn down; the OS temp cleaner takes it.
        }
    }
}
