using LlmReference.TestSupport;

namespace LlmReference.ChatApi.Tests;

/// <summary>Real Garnet and a real model server, shared by every test in the <see cref="ChatApiCollection"/>.</summary>
public sealed class ChatApiEnvironment : IAsyncLifetime
{
    public GarnetFixture Garnet { get; } = new();

    public ModelServerHost ModelServer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Garnet.InitializeAsync();
        ModelServer = new ModelServerHost();
    }

    public async Task DisposeAsync()
    {
        await ModelServer.DisposeAsync();
        await Garnet.DisposeAsync();
    }
}

/// <summary>
/// One collection: the tests share the servers, and ActivitySources are process-wide, so running them one class
/// at a time keeps exported telemetry attributable.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChatApiCollection : ICollectionFixture<ChatApiEnvironment>
{
    public const string Name = "ChatApi";
}
