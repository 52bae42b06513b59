using LlmReference.FraudService.Simulation;

namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>Builds the scenario a run asks for by name, with the shared state (users, messages, ledger) wired once.</summary>
public static class ScenarioFactory
{
    public static IScenario Create(string name, ScenarioSettings settings, LoadTargets targets, TimeProvider time)
    {
        var users = new UserPool(settings.Users);
        var messages = new MessageCatalog(settings.CacheableShare);
        var ledger = new ScoredTransactionLedger(time, settings.LabelDelay);
        var scoring = new FraudScoreScenario(targets, new TransactionSimulator(settings.Seed), settings.Profile, ledger, time);
        var all = new Dictionary<string, IScenario>(StringComparer.OrdinalIgnoreCase)
        {
            [ScenarioNames.Chat] = new ChatScenario(ScenarioNames.Chat, targets, users, messages.Opening),
            [ScenarioNames.Session] = new SessionChatScenario(targets, users, messages, settings.TurnsPerSession),
            [ScenarioNames.Stream] = new StreamChatScenario(targets, users, messages, settings.StreamIdleTimeout, time),
            [ScenarioNames.Tool] = new ChatScenario(ScenarioNames.Tool, targets, users, (random, _) => messages.FraudQuestion(random)),
            [ScenarioNames.FraudScore] = scoring,
            [ScenarioNames.FraudLabel] = new FraudLabelScenario(targets, ledger, scoring),
        };

        if (string.Equals(name, ScenarioNames.Mix, StringComparison.OrdinalIgnoreCase))
        {
            return new MixScenario(settings.MixWeights.Select(w => all.TryGetValue(w.Key, out var scenario)
                ? (scenario, w.Value)
                : throw new ArgumentException($"Unknown scenario '{w.Key}' in the mix; use {string.Join(", ", all.Keys)}.")));
        }

        return all.TryGetValue(name, out var single)
            ? single
            : throw new ArgumentException($"Unknown scenario '{name}'; use {string.Join(", ", ScenarioNames.All)}.");
    }
}
