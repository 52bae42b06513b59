using System.Text.RegularExpressions;
using LlmReference.ChatApi.Guardrails.Normalization;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// Personal investment recommendations in a reply: a recommendation verb aimed at the customer together with buying,
/// selling or investing in an asset. Product information ("our Easy Saver pays 4.1% AER") and other advice ("you
/// should contact us to block the card") pass.
/// </summary>
internal static class InvestmentAdvice
{
    public static IReadOnlyList<TextMatch> Find(GuardrailText text) =>
    [
        .. TextMatch.All(Recommendation, text.Normalized.Text).Select(text.Normalized.ToOriginal),
        .. TextMatch.All(UrgentTrade, text.Normalized.Text).Select(text.Normalized.ToOriginal),
    ];

    /// <summary>
    /// Whether an unfinished sentence could still become advice: a streamed reply holds such a sentence back until it
    /// ends, and lets every other sentence through as it arrives.
    /// </summary>
    public static bool MayBecomeAdvice(ReadOnlySpan<char> sentence) => Trigger.IsMatch(sentence);

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private const string Asset =
        @"(?:shares?|stocks?|equit(?:y|ies)|bonds?|funds?|ETFs?|crypto\w*|bitcoin|ethereum|gold|options|securities|index\s+funds?)";

    private static readonly Regex Recommendation = new(
        @"(?:\byou\s+(?:should|ought\s+to|must|need\s+to|could)|\bI(?:\s+would|'d|’d)?\s+(?:recommend|suggest|advise)(?:\s+(?:that\s+)?you)?|\b(?:it(?:'s|\s+is)|now\s+is)\s+a\s+(?:good|great)\s+(?:time|idea|moment)\s+to|\bmy\s+advice\s+is\s+to)" +
        @"\s+(?:\w+\s+){0,2}(?:invest(?:ing)?\s+(?:in|into)\b|(?:buy|sell|short|hold)(?:ing)?\s+(?:\w+\s+){0,3}" + Asset + @"\b)" +
        @"|\b\w+\s+is\s+a\s+(?:good|great|smart)\s+investment\b",
        Options, GuardrailRules.MatchTimeout);

    /// <summary>"Buy Tesla shares now".</summary>
    private static readonly Regex UrgentTrade = new(@"\b(?:buy|sell)\s+(?:\w+\s+){0,2}" + Asset + @"\s+(?:now|today|immediately|before)\b", Options, GuardrailRules.MatchTimeout);

    private static readonly Regex Trigger = new(@"\b(?:should|ought|recommend|suggest|advise|advice|buy|sell|invest\w*|good\s+time|great\s+time)\b", Options, GuardrailRules.MatchTimeout);
}
