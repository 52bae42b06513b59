using StackExchange.Redis;

namespace LlmReference.CacheServer.Tests;

/// <summary>
/// The embedded Garnet keeps its data in the data directory: what a client was told is written is there after a
/// graceful stop, after a killed process, and after a checkpoint followed by more writes, expiries included.
/// </summary>
[Collection(CacheServerCollection.Name)]
public sealed class PersistenceTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(1);

    [Fact]
    public async Task DataAndExpiriesSurviveAGracefulRestart()
    {
        using var data = new TempDirectory();
        await using (var server = await CacheServerProcess.StartAsync(data.Path))
        {
            await WriteSampleAsync(server, "graceful");
            Assert.False(HasCheckpoint(data.Path));
            await server.StopAsync();
        }

        // A graceful stop checkpoints, so the next start need not replay the whole AOF.
        Assert.True(HasCheckpoint(data.Path), "A graceful stop left no checkpoint in the data directory.");

        await using var restarted = await CacheServerProcess.StartAsync(data.Path);
        await AssertSampleAsync(restarted, "graceful");
    }

    [Fact]
    public async Task AcknowledgedWritesSurviveAKilledProcess()
    {
        using var data = new TempDirectory();
        await using (var server = await CacheServerProcess.StartAsync(data.Path))
        {
            await WriteSampleAsync(server, "killed");
            // SIGKILL right after the replies: nothing gets a chance to flush or checkpoint on the way out.
            await server.KillAsync();
        }

        await using var restarted = await CacheServerProcess.StartAsync(data.Path);
        await AssertSampleAsync(restarted, "killed");
    }

    [Fact]
    public async Task WritesBeforeAndAfterACheckpointSurviveAKilledProcess()
    {
        using var data = new TempDirectory();
        await using (var server = await CacheServerProcess.StartAsync(data.Path))
        {
            await WriteSampleAsync(server, "before");
            using (var redis = await server.ConnectAsync())
            {
                // A checkpoint, as the periodic one takes; recovery then needs it plus the AOF written after it.
                Assert.Equal("OK", (await redis.GetDatabase().ExecuteAsync("SAVE")).ToString());
            }

            await WriteSampleAsync(server, "after");
            await server.KillAsync();
        }

        Assert.True(HasCheckpoint(data.Path), "SAVE wrote no checkpoint into the data directory.");

        await using var restarted = await CacheServerProcess.StartAsync(data.Path);
        await AssertSampleAsync(restarted, "before");
        await AssertSampleAsync(restarted, "after");
    }

    [Fact]
    public async Task WithoutPersistenceARestartStartsEmpty()
    {
        // The contrast that shows the tests above prove persistence, not a server that never went away.
        var settings = new Dictionary<string, string> { ["CacheServer__Persistence"] = "false" };
        var respPort = CacheServerProcess.FreeTcpPort();
        await using (var server = await CacheServerProcess.StartAsync(dataDirectory: null, respPort, settings: settings))
        {
            await WriteSampleAsync(server, "memory-only");
            await server.StopAsync();
        }

        await using var restarted = await CacheServerProcess.StartAsync(dataDirectory: null, respPort, settings: settings);
        using var redis = await restarted.ConnectAsync();
        Assert.False(await redis.GetDatabase().KeyExistsAsync("memory-only:string"));
    }

    [Fact]
    public async Task PersistenceWithoutADataDirectoryFailsStartNamingTheSetting()
    {
        await using var server = CacheServerProcess.Launch(dataDirectory: null, CacheServerProcess.FreeTcpPort(), CacheServerProcess.FreeTcpPort());
        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("CacheServer:DataDirectory", server.Output, StringComparison.Ordinal);
    }

    /// <summary>Whether Garnet wrote a store checkpoint under the data directory (beside the AOF).</summary>
    private static bool HasCheckpoint(string dataDirectory)
    {
        var store = Path.Combine(dataDirectory, "checkpoints", "Store");
        return Directory.Exists(store) && Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories).Any();
    }

    internal static async Task WriteSampleAsync(CacheServerProcess server, string prefix)
    {
        using var redis = await server.ConnectAsync();
        var db = redis.GetDatabase();
        Assert.True(await db.StringSetAsync($"{prefix}:string", "value", Ttl));
        await db.ListRightPushAsync($"{prefix}:list", ["one", "two", "three"]);
        await db.HashSetAsync($"{prefix}:hash", [new HashEntry("field", "value"), new HashEntry("other", "42")]);
    }

    internal static async Task AssertSampleAsync(CacheServerProcess server, string prefix)
    {
        using var redis = await server.ConnectAsync();
        var db = redis.GetDatabase();

        Assert.Equal("value", (string?)await db.StringGetAsync($"{prefix}:string"));
        var ttl = await db.KeyTimeToLiveAsync($"{prefix}:string");
        Assert.NotNull(ttl);
        // The expiry is the one set before the restart, still counting down: not dropped, not reset.
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(50), Ttl);

        Assert.Equal(["one", "two", "three"], (await db.ListRangeAsync($"{prefix}:list")).Select(v => (string?)v));
        Assert.Equal("42", (string?)await db.HashGetAsync($"{prefix}:hash", "other"));
        Assert.Null(await db.KeyTimeToLiveAsync($"{prefix}:hash"));
    }
}
