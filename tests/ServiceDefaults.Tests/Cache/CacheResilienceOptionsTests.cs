using LlmReference.ServiceDefaults.Cache;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlmReference.ServiceDefaults.Tests.Cache;

/// <summary><c>Cache:Resilience</c>: fail-fast defaults that win over the connection string, validated at start.</summary>
public sealed class CacheResilienceOptionsTests
{
    [Fact]
    public void DefaultsMakeTheRedisClientFailFastAndWinOverTheConnectionString()
    {
        using var host = Build(new() { ["ConnectionStrings:cache"] = "127.0.0.1:1,connectTimeout=9000,asyncTimeout=5000,syncTimeout=5000" });

        var redis = host.Services.GetRequiredService<IOptions<ConfigurationOptions>>().Value;

        Assert.False(redis.AbortOnConnectFail);
        Assert.Same(BacklogPolicy.FailFast, redis.BacklogPolicy);
        Assert.Equal(5000, redis.ConnectTimeout);
        Assert.Equal(1000, redis.AsyncTimeout);
        Assert.Equal(1000, redis.SyncTimeout);
        Assert.IsType<ExponentialRetry>(redis.ReconnectRetryPolicy);
    }

    [Fact]
    public void ConfiguredTimeoutsReachTheRedisClient()
    {
        using var host = Build(new()
        {
            ["ConnectionStrings:cache"] = "127.0.0.1:1",
            ["Cache:Resilience:CommandTimeout"] = "00:00:00.250",
            ["Cache:Resilience:ConnectTimeout"] = "00:00:02",
        });

        var redis = host.Services.GetRequiredService<IOptions<ConfigurationOptions>>().Value;

        Assert.Equal(250, redis.AsyncTimeout);
        Assert.Equal(250, redis.SyncTimeout);
        Assert.Equal(2000, redis.ConnectTimeout);
    }

    [Theory]
    [InlineData("CommandTimeout", "00:00:00", "CommandTimeout")]
    [InlineData("ConnectTimeout", "00:05:00", "ConnectTimeout")]
    [InlineData("FailureRatio", "0", "FailureRatio")]
    [InlineData("MinimumThroughput", "1", "MinimumThroughput")]
    [InlineData("BreakDuration", "00:00:00.100", "BreakDuration")]
    [InlineData("MaxReconnectDelay", "00:00:00.100", "MaxReconnectDelay")]
    [InlineData("SamplingDuration", "00:00:01", "SamplingDuration")]
    public async Task InvalidValuesFailStartNamingTheSetting(string key, string value, string named)
    {
        using var host = Build(new()
        {
            ["ConnectionStrings:cache"] = "127.0.0.1:1",
            [$"Cache:Resilience:{key}"] = value,
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsAreValid()
    {
        var options = new CacheResilienceOptions();
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        Assert.True(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
        Assert.True(options.SamplingDuration >= options.BreakDuration && options.MaxReconnectDelay >= options.ReconnectDelay);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCacheClient("cache");
        return builder.Build();
    }
}
