using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using LlmReference.FraudService.Simulation;
using LlmReference.LoadGenerator.Scenarios;
using LlmReference.LoadGenerator.Scheduling;

namespace LlmReference.LoadGenerator.Cli;

/// <summary>
/// The command line: options parsed into a <see cref="LoadRunOptions"/>, checked by the same
/// <see cref="LoadRunOptionsValidator"/> any other front end uses, then handed to <see cref="CliRunner"/>.
/// </summary>
public static class LoadCommand
{
    private static readonly Option<Uri> Chat = new("--chat") { Description = "ChatApi base URL.", DefaultValueFactory = _ => new LoadRunOptions().ChatTarget, CustomParser = ParseUri };
    private static readonly Option<Uri> Fraud = new("--fraud") { Description = "FraudService base URL.", DefaultValueFactory = _ => new LoadRunOptions().FraudTarget, CustomParser = ParseUri };
    private static readonly Option<bool> AllowRemote = new("--allow-remote") { Description = "Allow targets that are not loopback (off: a mistyped URL must not flood another host)." };
    private static readonly Option<string> Scenario = new("--scenario") { Description = $"One of {string.Join(", ", ScenarioNames.All)}.", DefaultValueFactory = _ => ScenarioNames.Mix };
    private static readonly Option<string> Rate = new("--rate") { Description = "Open model: requests/s, or steps rate@duration,… e.g. 5@30s,25@60s,5@30s.", DefaultValueFactory = _ => "5" };
    private static readonly Option<TimeSpan?> Duration = new("--duration") { Description = $"Send window, e.g. 60s, 2m (default {DurationText.Format(LoadLimits.DefaultDuration)}, at most {DurationText.Format(LoadLimits.MaxDuration)}).", CustomParser = ParseDuration };
    private static readonly Option<long?> Count = new("--count") { Description = $"Stop after N requests (at most {LoadLimits.MaxCount})." };
    private static readonly Option<bool> Closed = new("--closed") { Description = "Closed model: --users back-to-back users instead of an arrival rate (understates latency under stress)." };
    private static readonly Option<int> Users = new("--users") { Description = "Closed model: concurrent users.", DefaultValueFactory = _ => 4 };
    private static readonly Option<int> MaxInFlight = new("--max-in-flight") { Description = "Open model: most requests in flight; beyond it requests wait (and the wait counts as latency).", DefaultValueFactory = _ => 256 };
    private static readonly Option<TimeSpan?> Timeout = new("--timeout") { Description = "Per-request timeout to response headers (default 30s).", CustomParser = ParseDuration };
    private static readonly Option<double> CacheableShare = new("--cacheable-share") { Description = "Share (0-1) of chat messages from a small fixed set the response cache can answer.", DefaultValueFactory = _ => 0.2 };
    private static readonly Option<int> UserPool = new("--user-pool") { Description = "Distinct X-User-Id values requests are spread over.", DefaultValueFactory = _ => 50 };
    private static readonly Option<TrafficProfile> Profile = new("--profile") { Description = "Fraud traffic: Baseline or Drifted.", DefaultValueFactory = _ => TrafficProfile.Baseline };
    private static readonly Option<TimeSpan?> LabelDelay = new("--label-delay") { Description = "Delay between a score and its label (default 10s).", CustomParser = ParseDuration };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of messages, users and transactions.", DefaultValueFactory = _ => 1 };
    private static readonly Option<IReadOnlyDictionary<string, double>?> Mix = new("--mix") { Description = "Weights of the mix scenario, e.g. chat=3,stream=1,fraud-score=2 (default 30 chat, 15 session, 15 stream, 10 tool, 25 fraud-score, 5 fraud-label).", CustomParser = ParseMix };
    private static readonly Option<string?> Report = new("--report") { Description = "Write the JSON report to this file." };

    public static RootCommand Create(Func<LoadRunOptions, string?, CancellationToken, Task<int>> run)
    {
        var root = new RootCommand("Open-model load generator for ChatApi and FraudService: latency from each request's intended send time, per-scenario reports.")
        {
            Chat, Fraud, AllowRemote, Scenario, Rate, Duration, Count, Closed, Users, MaxInFlight, Timeout,
            CacheableShare, UserPool, Profile, LabelDelay, Mix, Seed, Report,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            var options = ToOptions(parse);
            var errors = LoadRunOptionsValidator.Validate(options);
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(error).ConfigureAwait(false);
                }

                return 1;
            }

            return await run(options, parse.GetValue(Report), cancellationToken).ConfigureAwait(false);
        });
        return root;
    }

    /// <summary>The run a command line describes (unvalidated: <see cref="LoadRunOptionsValidator"/> checks it).</summary>
    public static LoadRunOptions ToOptions(ParseResult result)
    {
        var defaults = new LoadRunOptions();
        return new LoadRunOptions
        {
            ChatTarget = result.GetValue(Chat) ?? defaults.ChatTarget,
            FraudTarget = result.GetValue(Fraud) ?? defaults.FraudTarget,
            AllowRemote = result.GetValue(AllowRemote),
            Scenario = result.GetValue(Scenario) ?? ScenarioNames.Mix,
            Model = result.GetValue(Closed) ? LoadModel.Closed : LoadModel.Open,
            Rate = result.GetValue(Rate) ?? defaults.Rate,
            Users = result.GetValue(Users),
            Duration = result.GetValue(Duration),
            Count = result.GetValue(Count),
            MaxInFlight = result.GetValue(MaxInFlight),
            RequestTimeout = result.GetValue(Timeout) ?? defaults.RequestTimeout,
            Scenarios = new ScenarioSettings
            {
                Seed = result.GetValue(Seed),
                Users = result.GetValue(UserPool),
                CacheableShare = result.GetValue(CacheableShare),
                Profile = result.GetValue(Profile),
                LabelDelay = result.GetValue(LabelDelay) ?? defaults.Scenarios.LabelDelay,
                MixWeights = result.GetValue(Mix) ?? ScenarioSettings.DefaultMix,
            },
        };
    }

    private static Uri? ParseUri(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri))
        {
            result.AddError($"'{text}' is not an absolute URL, e.g. http://localhost:5280.");
            return null;
        }

        return uri;
    }

    private static IReadOnlyDictionary<string, double>? ParseMix(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var weights = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split('=', StringSplitOptions.TrimEntries);
            if (pieces.Length != 2
                || !ScenarioNames.All.Contains(pieces[0], StringComparer.OrdinalIgnoreCase) || pieces[0] == ScenarioNames.Mix
                || !double.TryParse(pieces[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || weight is < 0 or > 1e6)
            {
                result.AddError($"'{part}' is not a mix weight; write scenario=weight with a scenario other than mix, e.g. chat=3,stream=1.");
                return null;
            }

            weights[pieces[0]] = weight;
        }

        if (weights.Values.Sum() <= 0)
        {
            result.AddError("--mix needs at least one scenario with a positive weight.");
            return null;
        }

        return weights;
    }

    private static TimeSpan? ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!DurationText.TryParse(text, out var duration))
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"'{text}' is not a duration; write e.g. 500ms, 30s, 2m or 1h."));
            return null;
        }

        return duration;
    }
}
