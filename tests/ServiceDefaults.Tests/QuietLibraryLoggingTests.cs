using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmReference.ServiceDefaults.Tests;

/// <summary>
/// StackExchange.Redis and HttpClient log every connect step and request at Information; by default they log from
/// Warning, and any configuration source (appsettings, environment, command line) can turn them back up.
/// </summary>
public sealed class QuietLibraryLoggingTests
{
    [Theory]
    [InlineData("StackExchange.Redis.ConnectionMultiplexer")]
    [InlineData("System.Net.Http.HttpClient.Default.LogicalHandler")]
    [InlineData("Garnet.GarnetServer")]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics")]
    public void LibraryChatterStartsAtWarning(string category)
    {
        using var host = Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void TheServicesOwnLogsStayAtInformation()
    {
        using var host = Build();

        Assert.True(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LlmReference.ChatApi.Chat").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void ConfigurationCanTurnALibraryBackUp()
    {
        using var host = Build(("Logging:LogLevel:StackExchange.Redis", "Debug"));
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("StackExchange.Redis.ConnectionMultiplexer");

        Assert.True(logger.IsEnabled(LogLevel.Debug));
    }

    private static IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddQuietLibraryLogging();
        return builder.Build();
    }
}
