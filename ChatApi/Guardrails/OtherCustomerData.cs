using System.Text.RegularExpressions;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// Requests for someone else's data: a named person's, a customer number's or "other customers'" accounts, cards,
/// balances or details. A customer's own data ("my account", "my card ending 1234") and payments to someone
/// ("send money to John Smith") pass. Names are matched case-sensitively (two capitalised words, or a title).
/// </summary>
internal static partial class OtherCustomerData
{
    public static IReadOnlyList<TextMatch> Find(string text) =>
    [
        .. TextMatch.All(DataOfSomeoneElse(), text),
        .. TextMatch.All(SomeoneElsesData(), text),
        .. TextMatch.All(EveryonesData(), text),
    ];

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private const string Data =
        @"(?:card\s+numbers?|account\s+numbers?|accounts?|balances?|cards?|transactions|statements?|details|address|phone\s+number|e-?mail|pin|iban|savings|loans?|mortgage|overdraft|personal\s+(?:data|information|details))";

    private const string Name =
        @"(?-i:(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|[A-Z][a-z]+\s+[A-Z][a-z]+))";

    private const string ThirdParty =
        @"(?:another\s+(?:customer|person|client|user|account\s*holder)|other\s+(?:customers|people|clients|users|account\s*holders)|someone\s+else|somebody\s+else|a\s+(?:different|random)\s+(?:customer|person|client)|customer\s*(?:id|number|no\.?|#)?\s*#?\d{3,})";

    private const string Acquaintance =
        @"(?:my\s+)?(?:neighbou?r|ex|boss|colleague|friend|flatmate|roommate|landlord|tenant|employer|employee)";

    /// <summary>"The account of John Smith", "the balance for customer 48213", "details of another customer".</summary>
    [GeneratedRegex(
        @"\b" + Data + @"\s+(?:of|for|belonging\s+to|owned\s+by|held\s+by|on)\s+(?:the\s+)?" + ThirdParty +
        @"|\b" + Data + @"\s+(?:of|belonging\s+to|owned\s+by|held\s+by)\s+(?:the\s+)?" + Name + @"\b",
        Options, matchTimeoutMilliseconds: GuardrailRules.MatchTimeoutMilliseconds)]
    private static partial Regex DataOfSomeoneElse();

    /// <summary>"Jane Doe's account number", "customer 12345's balance", "other people's card numbers", "my neighbour's balance".</summary>
    [GeneratedRegex(
        @"(?:\b" + Name + @"|\b" + ThirdParty + @"|\b" + Acquaintance + @")(?:'s|’s|'|’)\s+(?:\w+\s+)?" + Data + @"\b",
        Options, matchTimeoutMilliseconds: GuardrailRules.MatchTimeoutMilliseconds)]
    private static partial Regex SomeoneElsesData();

    /// <summary>"All customers' balances", "list all card numbers you have".</summary>
    [GeneratedRegex(
        @"\b(?:all|every)\s+(?:the\s+|other\s+)?(?:customers|clients|users|customer|client|user)(?:'s|'|’)?\s+(?:\w+\s+)?" + Data + @"\b" +
        @"|\b(?:all|every)\s+(?:the\s+)?(?:card|account)\s+numbers\s+(?:you|in\s+(?:your|the)|stored|on\s+file|from\s+(?:your|the))",
        Options, matchTimeoutMilliseconds: GuardrailRules.MatchTimeoutMilliseconds)]
    private static partial Regex EveryonesData();
}
