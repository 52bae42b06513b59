using System.Text.RegularExpressions;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// Phrases that try to replace the assistant's instructions. Each pattern needs the object of the attack ("previous
/// instructions", "system prompt", a new persona), so ordinary uses of the same verbs ("how do I ignore a phishing
/// email", "ignore my previous message") pass.
/// </summary>
internal static partial class PromptInjection
{
    public static IReadOnlyList<TextMatch> Find(string text) =>
    [
        .. TextMatch.All(OverrideInstructions(), text),
        .. TextMatch.All(NewPersona(), text),
        .. TextMatch.All(RevealPrompt(), text),
        .. TextMatch.All(JailbreakMode(), text),
        .. TextMatch.All(RoleMarkers(), text),
    ];

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>"Ignore all previous instructions", "disregard your rules", "forget the instructions above".</summary>
    [GeneratedRegex(
        @"\b(?:ignore|disregard|forget|override|bypass|skip)\b[^.!?\n]{0,40}\b(?:previous|prior|above|earlier|preceding|all|your|system|original|initial)\s+(?:\w+\s+){0,2}(?:instructions?|rules|prompts?|directions|guidelines|guardrails|polic(?:y|ies)|constraints|restrictions|programming)\b" +
        @"|\b(?:ignore|disregard|forget)\b[^.!?\n]{0,20}\b(?:instructions?|rules|prompts?)\s+(?:above|before|you\s+(?:were|have\s+been)\s+given)\b",
        Options, matchTimeoutMilliseconds: GuardrailRules.MatchTimeoutMilliseconds)]
    private static partial Regex OverrideInstructions();

    /// <summary>"You are now DAN / an unrestricted AI", "pretend you are …", "from now on you will …", "new instructions:".</summary>
    [GeneratedRegex(
        @"\byou\s+are\s+now\s+(?:an?\s+|in\s+|the\s+)?(?:DAN|unrestricted|unfiltered|uncensored|jailbroken|free\s+(?:from|of)|evil|developer|admin|root|no\s+longer|not\s+bound|called|named|known\s+as|acting\s+as|playing|(?:different|new)\s+(?:AI|assistant|model|persona|character)|(?:\w+\s+)?(?:AI|assistant|bot|chatbot|persona|character|hacker|pirate))\b" +
        @"|\bpretend\s+(?:to\s+be|(?:that\s+)?you(?:'re|\s+are))\b" +
        @"|\bact\s+as\s+(?:if\s+you\s+(?:have|had|were)\s+no|an?\s+(?:unrestricted|unfiltered|uncensored|evil|rogue))\b" +
        @"|\bfrom\s+now\s+on,?\s+you\s+(?:are|will|must|shall)\b" +
        @"|\bnew\s+(?:system\s+)?instructions?\s*:",
        Options, matchTimeoutMilliseconds: GuardrailRules.MatchTimeoutMilliseconds)]
    private static partial Regex NewPersona();

    /// <summary>"Reveal your system prompt", "what is your system prompt", "print the hidden instructions you were given".</summary>
    [GeneratedRegex(
        @"\b(?:reveal|show|print|repeat|output|display|tell|give|share|leak|dump|recite|what(?:'s|\s+is|\s+are|\s+were))\b[^.!?\n]{0,30}\b(?:your|the)\s+(?:(?:full|exact|complete|original|initial|hidden|secret|internal)\s+)*(?:system\s+(?:prompt|message|instructions?)|(?:initial|original|hidden|secret|internal)\s+(?:prompt|instructions?)|prompt\s+you\s+were\s+given|instructions\s+you\s+(?:were|have\s+been)\s+given)\b",
        Options, matchTimeoutMilliseconds: GuardrailRules.MatchTimeoutMilliseconds)]
    private static partial Regex RevealPrompt();

    /// <summary>"Developer mode", "jailbreak", "do anything now".</summary>
    [GeneratedRegex(@"\b(?:developer|god|debug|jailbreak|DAN|admin)\s+mode\b|\bjailbr(?:eak|oken)\b|\bdo\s+anything\s+now\b", Options, matchTimeoutMilliseconds: GuardrailRules.MatchTimeoutMilliseconds)]
    private static partial Regex JailbreakMode();

    /// <summary>Chat-template and role markers pasted into a message to fake a system turn.</summary>
    [GeneratedRegex(@"<\|?im_(?:start|end)\|?>|\[/?(?:INST|SYS)\]|<<\s*SYS\s*>>|(?:^|\n)\s*#{0,3}\s*(?:system|developer)\s*:", Options, matchTimeoutMilliseconds: GuardrailRules.MatchTimeoutMilliseconds)]
    private static partial Regex RoleMarkers();
}
