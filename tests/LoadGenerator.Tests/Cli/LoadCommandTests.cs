using System.CommandLine;
using LlmReference.LoadGenerator.Cli;
using LlmReference.LoadGenerator.Scheduling;

namespace LlmReference.LoadGenerator.Tests.Cli;

/// <summary>The command line refuses runs that are unbounded or aimed off this machine, before sending anything.</summary>
public sealed class LoadCommandTests
{
    [Theory]
    [InlineData("--chat", "http://example.com")]
    [InlineData("--fraud", "http://10.0.0.5:5380")]
    [InlineData("--chat", "http://192.168.1.20:5280")]
    public async Task RejectsANonLoopbackTargetWithoutAllowRemote(string option, string url)
    {
        var (exitCode, error, ran) = await InvokeAsync(option, url);

        Assert.Equal(1, exitCode);
        Assert.Null(ran);
        Assert.Contains("--allow-remote", error);
    }

    [Fact]
    public async Task AcceptsANonLoopbackTargetWithAllowRemote()
    {
        var (exitCode, _, ran) = await InvokeAsync("--chat", "http://example.com", "--allow-remote");

        Assert.Equal(0, exitCode);
        Assert.Equal(new Uri("http://example.com/"), ran?.ChatTarget);
    }

    [Theory]
    [InlineData("http://localhost:5280")]
    [InlineData("http://127.0.0.1:5280")]
    [InlineData("http://127.1.2.3:5280")]
    [InlineData("http://[::1]:5280")]
    public void LoopbackTargetsNeedNoFlag(string url) => Assert.True(LoadRunOptionsValidator.IsLoopback(new Uri(url)));

    [Theory]
    [InlineData("--duration", "2h")]
    [InlineData("--duration", "0s")]
    [InlineData("--count", "0")]
    [InlineData("--count", "2000000")]
    [InlineData("--rate", "1@40m,1@40m")]
    [InlineData("--rate", "0")]
    public async Task RejectsRunsBeyondTheHardBounds(string option, string value)
    {
        var (exitCode, error, ran) = await InvokeAsync(option, value);

        Assert.Equal(1, exitCode);
        Assert.Null(ran);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task WithoutDurationOrCountARunLastsTheDefault()
    {
        var (_, _, ran) = await InvokeAsync();

        Assert.Equal(LoadLimits.DefaultDuration, ran?.EffectiveDuration);
    }

    [Fact]
    public async Task ParsesTheDocumentedExample()
    {
        var (exitCode, error, ran) = await InvokeAsync(
            "--chat", "http://localhost:5280", "--fraud", "http://localhost:5380", "--scenario", "mix", "--rate", "5",
            "--duration", "60s", "--cacheable-share", "0.2", "--seed", "7", "--closed", "--users", "4");

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.NotNull(ran);
        Assert.Equal(LoadModel.Closed, ran.Model);
        Assert.Equal(4, ran.Users);
        Assert.Equal(TimeSpan.FromSeconds(60), ran.EffectiveDuration);
        Assert.Equal(0.2, ran.Scenarios.CacheableShare);
        Assert.Equal(7, ran.Scenarios.Seed);
    }

    [Fact]
    public async Task MixWeightsAreParsedAndBadOnesRejected()
    {
        var (_, _, ran) = await InvokeAsync("--mix", "chat=3,stream=1");
        var (exitCode, error, _) = await InvokeAsync("--mix", "chat=3,mix=1");

        Assert.Equal(new Dictionary<string, double> { ["chat"] = 3, ["stream"] = 1 }, ran?.Scenarios.MixWeights);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("mix weight", error);
    }

    private static async Task<(int ExitCode, string Error, LoadRunOptions? Ran)> InvokeAsync(params string[] args)
    {
        LoadRunOptions? ran = null;
        var command = LoadCommand.Create((options, _, _) =>
        {
            ran = options;
            return Task.FromResult(0);
        });
        var error = new StringWriter();
        var exitCode = await command.Parse(args).InvokeAsync(new InvocationConfiguration { Error = error, Output = new StringWriter() });
        return (exitCode, error.ToString(), ran);
    }
}
