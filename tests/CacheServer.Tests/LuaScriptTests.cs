using StackExchange.Redis;

namespace LlmReference.CacheServer.Tests;

/// <summary>
/// ChatApi sends each chat turn's Redis work as Lua scripts, so the cache server must run them (Garnet's Lua is off
/// unless enabled), atomically, and with what a script writes kept across a restart like any other write.
/// </summary>
[Collection(CacheServerCollection.Name)]
public sealed class LuaScriptTests
{
    // The shapes ChatApi's scripts use: GET of a missing key (false) inside a returned array, INCRBY, SET with PX.
    private const string Script = """
        local before = redis.call('GET', KEYS[1])
        local total = redis.call('INCRBY', KEYS[2], tonumber(ARGV[1]))
        redis.call('SET', KEYS[1], ARGV[2], 'PX', tonumber(ARGV[3]))
        return { before, total, ARGV[2] }
        """;

    // Check-then-increment: only atomic if no other client's command can run between the GET and the INCRBY.
    private const string Reserve = """
        local spent = tonumber(redis.call('GET', KEYS[1]) or '0')
        if spent + tonumber(ARGV[1]) > tonumber(ARGV[2]) then return 0 end
        redis.call('INCRBY', KEYS[1], tonumber(ARGV[1]))
        return 1
        """;

    [Fact]
    public async Task EvalRunsScriptsAndTheirWritesSurviveARestart()
    {
        using var data = new TempDirectory();
        await using (var server = await CacheServerProcess.StartAsync(data.Path))
        {
            using var redis = await server.ConnectAsync();
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script, ["lua:value", "lua:counter"], [5, "written", 3_600_000]))!;

            Assert.True(result[0].IsNull, "a missing key reads as nil inside the returned array");
            Assert.Equal(5, (long)result[1]);
            Assert.Equal("written", (string?)result[2]);
            await server.StopAsync();
        }

        await using var restarted = await CacheServerProcess.StartAsync(data.Path);
        using var again = await restarted.ConnectAsync();
        var db = again.GetDatabase();
        Assert.Equal("written", (string?)await db.StringGetAsync("lua:value"));
        Assert.Equal(5, (long)await db.StringGetAsync("lua:counter"));
        Assert.InRange((await db.KeyTimeToLiveAsync("lua:value"))!.Value, TimeSpan.FromMinutes(50), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task ConcurrentScriptsDoNotInterleave()
    {
        using var data = new TempDirectory();
        await using var server = await CacheServerProcess.StartAsync(data.Path);
        // The assertion is atomicity, not speed: 200 queued scripts took more than 5 s on a loaded CI machine.
        var patient = TimeSpan.FromMinutes(1);
        using var redis = await server.ConnectAsync(patient);

        // 200 scripts from 4 connections at once, each adding 10 if the total stays within 500: exactly 50 fit.
        var connections = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => server.ConnectAsync(patient)));
        try
        {
            var all = connections.Append(redis).ToArray();
            var granted = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
                all[i % all.Length].GetDatabase().ScriptEvaluateAsync(Reserve, ["lua:race"], [10, 500])));

            Assert.Equal(50, granted.Count(r => (long)r == 1));
            Assert.Equal(500, (long)await redis.GetDatabase().StringGetAsync("lua:race"));
        }
        finally
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }
        }
    }
}
