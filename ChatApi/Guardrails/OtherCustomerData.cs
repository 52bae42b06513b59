using System.Text.RegularExpressions;
using LlmReference.ChatApi.Guardrails.Normalization;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// Requests for someone else's data: a named person's, an acquaintance's, a customer number's or "other customers'"
/// accounts, cards, balances or details, in English, German, Spanish and French, on the normalised text. A customer's
/// own data ("my account", "my card ending 1234", "my customer number is 12345") and payments to someone ("send money
/// to John Smith", "open an account for my son") pass. Names are matched case-sensitively (two capitalised words, or
/// a title and a name). The tools only ever act for the caller, so this rule is about intent, not about a leak.
/// </summary>
internal static class OtherCustomerData
{
    public static IReadOnlyList<TextMatch> Find(GuardrailText text)
    {
        var found = new List<TextMatch>();
        foreach (var pattern in Patterns)
        {
            found.AddRange(TextMatch.All(pattern, text.Normalized.Text).Select(text.Normalized.ToOriginal));
        }

        return found;
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private const string Data =
        @"(?:card\s+numbers?|account\s+numbers?|account\s+balances?|bank\s+balances?|accounts?|balances?|cards?|transactions|payments|spending|statements?|details|address|phone\s+number|e-?mail|pin|iban|savings|loans?|mortgage|overdraft|personal\s+(?:data|information|details))";

    /// <summary>What someone could only learn from the bank (not a product they could open for someone).</summary>
    private const string Info =
        @"(?:card\s+numbers?|account\s+numbers?|(?:account\s+|bank\s+)?balances?|transactions|payments|spending|statements?|details|address|phone\s+number|pin|iban|personal\s+(?:data|information|details))";

    private const string Name =
        @"(?-i:(?:(?:Mr|Mrs|Ms|Miss|Dr|Herr|Frau|Senor|Senora|Monsieur|Madame|M|Mme)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|[A-Z][a-z]+\s+[A-Z][a-z]+))";

    private const string CustomerNumber = @"customer\s*(?:id|number|no\.?|nr\.?)?\s*[#:]?\s*\d{3,}|#\d{4,}";

    private const string ThirdParty =
        @"(?:another\s+(?:customer|person|client|user|account\s*holder)|other\s+(?:customers|people|clients|users|account\s*holders)|someone\s+else|somebody\s+else|a\s+(?:different|random)\s+(?:customer|person|client)|" + CustomerNumber + ")";

    private const string Acquaintance =
        @"(?:my\s+|our\s+|the\s+)?(?:neighbou?rs?|ex|ex-(?:wife|husband|partner)|boss|colleagues?|coworkers?|friends?|flatmates?|roommates?|landlord|tenants?|employer|employees?)";

    private static readonly Regex[] Patterns =
    [
        // "The account of John Smith", "the balance for customer 48213", "the account balance for my neighbour Mr Jones".
        Compile(@"\b" + Data + @"\s+(?:of|for|belonging\s+to|owned\s+by|held\s+by|on)\s+(?:the\s+)?" + ThirdParty),
        Compile(@"\b" + Data + @"\s+(?:of|belonging\s+to|owned\s+by|held\s+by)\s+(?:the\s+)?" + Name + @"\b"),
        // "The balance for my neighbour" asks for theirs; "a statement for my landlord" is the customer's own, to hand on.
        Compile(@"\b(?:the|their|his|her)\s+(?:\w+\s+)?" + Info + @"\s+(?:of|for|from)\s+" + Acquaintance + @"\b|\b" + Info + @"\s+of\s+" + Acquaintance + @"\b"),
        // "Jane Doe's account number", "customer #48213's transactions", "other people's card numbers", "my neighbour's balance".
        Compile(@"(?:\b" + Name + @"|\b" + ThirdParty + @"|\b" + Acquaintance + @")(?:'s|'|’s|’)\s+(?:\w+\s+){0,2}" + Data + @"\b"),
        // "Show me customer 48213 transactions", "look up customer #48213".
        Compile(@"\b(?:show|give|tell|list|get|pull|look\s+up|check|read|open|access|see|view|display)\s+(?:me\s+|us\s+|up\s+)?(?:the\s+)?(?:(?:data|account|accounts|details|transactions|balance|statements?)\s+)?(?:of\s+|for\s+)?(?:" + CustomerNumber + @")\b"),
        // "All customers' balances", "list all card numbers you have".
        Compile(@"\b(?:all|every)\s+(?:the\s+|other\s+)?(?:customers|clients|users|customer|client|user)(?:'s|'|’)?\s+(?:\w+\s+)?" + Data + @"\b" +
            @"|\b(?:all|every)\s+(?:the\s+)?(?:card|account)\s+numbers\s+(?:you|in\s+(?:your|the)|stored|on\s+file|from\s+(?:your|the))"),
        // German, Spanish, French: "Kontostand von Herrn Meier", "saldo de mi vecino", "solde de mon voisin".
        Compile(@"\b(?:kontostand|konto|kontonummer|umsatze|buchungen|karte\w*|daten)\s+(?:von|meines|meiner|des|der)\s+(?:meinem\s+|meiner\s+)?(?:nachbar\w*|kolleg\w*|chef\w*|freund\w*|herrn?\s+\w+|frau\s+\w+|anderen\s+kunden|kunde\w*\s+(?:nr\.?\s*)?\d{3,})\b"),
        Compile(@"\b(?:saldo|cuenta|movimientos|transacciones|tarjeta|datos)\s+(?:de|del)\s+(?:mi\s+(?:vecin[oa]|jefe|amig[oa]|companer[oa])|otro\s+cliente|otra\s+persona|(?:el\s+|la\s+)?senora?\s+\w+|cliente\s+(?:n\w*\s*)?\d{3,})\b"),
        Compile(@"\b(?:solde|compte|transactions|operations|carte|donnees)\s+(?:de|du|d')\s*(?:mon\s+(?:voisin|patron|ami|collegue)|ma\s+(?:voisine|amie|collegue)|un\s+autre\s+client|une\s+autre\s+personne|monsieur\s+\w+|madame\s+\w+|client\s+(?:n\w*\s*)?\d{3,})\b"),
    ];

    private static Regex Compile(string pattern) => new(pattern, Options, GuardrailRules.MatchTimeout);
}
