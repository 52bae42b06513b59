namespace LlmReference.CacheServer.Tests;

/// <summary>One server process at a time: each test starts its own, and the machine is small.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CacheServerCollection
{
    public const string Name = "CacheServer processes";
}
