namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>
/// Chat messages a bank's customers send. A <see cref="ScenarioSettings.CacheableShare"/> of them come from a small
/// fixed set (so the response cache answers them after the first time); the rest vary in amount, place and a reference
/// number, so they miss the cache and reach the model, which is where the latency and the failures are.
/// </summary>
public sealed class MessageCatalog(double cacheableShare)
{
    private static readonly string[] Repeated =
    [
        "How do I freeze my card?",
        "What are the fees for using my card abroad?",
        "How do I change my PIN?",
        "When is my credit card statement due?",
        "How do I set up a standing order?",
        "What is the daily ATM withdrawal limit?",
    ];

    private static readonly string[] Topics =
    [
        "a transfer of {0} EUR to my landlord", "a card payment of {0} GBP at a hotel", "a refund of {0} USD from an airline",
        "a direct debit of {0} EUR for my gym", "a cash withdrawal of {0} EUR in Lisbon", "an overdraft of {0} GBP",
    ];

    private static readonly string[] Questions =
    [
        "Why has {0} not arrived yet?", "Can you explain {0} on my statement?", "How long does {0} take to clear?",
        "Is there a fee for {0}?", "Can I cancel {0}?",
    ];

    private static readonly string[] FollowUps =
    [
        "What did I just ask you about?", "Can you say that more briefly?", "And what if it is more than twice that amount?",
        "Who do I contact if that does not work?",
    ];

    private static readonly (string Category, string Place)[] Purchases =
    [
        ("online electronics", "Brazil"), ("jewelry", "Romania"), ("gift card", "Nigeria"), ("grocery", "Germany"),
        ("crypto exchange", "Vietnam"), ("restaurant", "France"), ("fuel", "Spain"), ("hotel", "Thailand"),
    ];

    private readonly double _cacheableShare = cacheableShare is >= 0 and <= 1
        ? cacheableShare
        : throw new ArgumentOutOfRangeException(nameof(cacheableShare), cacheableShare, "The cacheable share is a fraction between 0 and 1.");

    /// <summary>A first message of a conversation.</summary>
    public string Opening(Random random, long sequence)
    {
        if (random.NextDouble() < _cacheableShare)
        {
            return Repeated[random.Next(Repeated.Length)];
        }

        var topic = string.Format(System.Globalization.CultureInfo.InvariantCulture, Topics[random.Next(Topics.Length)], 5 + random.Next(5_000));
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, Questions[random.Next(Questions.Length)], topic) + $" (ref {sequence})";
    }

    /// <summary>A later turn of a conversation (the session's history makes it unique anyway).</summary>
    public static string FollowUp(Random random) => FollowUps[random.Next(FollowUps.Length)];

    /// <summary>A question the model answers by calling the fraud-scoring tool.</summary>
    public string FraudQuestion(Random random)
    {
        if (random.NextDouble() < _cacheableShare)
        {
            return "Does a 2400 GBP online electronics payment in Brazil at 3am look fraudulent?";
        }

        var (category, place) = Purchases[random.Next(Purchases.Length)];
        return $"Does a {20 + random.Next(4_000)} GBP {category} payment in {place} at {random.Next(24)}:{random.Next(60):D2} look fraudulent?";
    }
}
