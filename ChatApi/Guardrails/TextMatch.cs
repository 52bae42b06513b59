using System.Text.RegularExpressions;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>Where a rule matched: a start index and a length in the checked text.</summary>
internal readonly record struct TextMatch(int Start, int Length)
{
    public int End => Start + Length;

    /// <summary>
    /// Every match of <paramref name="regex"/>; the named group <c>n</c>, when a pattern has one, marks the part to mask
    /// (an account number without the words that introduced it).
    /// </summary>
    public static IEnumerable<TextMatch> All(Regex regex, string text)
    {
        foreach (Match match in regex.Matches(text))
        {
            var part = match.Groups.TryGetValue("n", out var n) && n.Success ? n : match;
            yield return new TextMatch(part.Index, part.Length);
        }
    }
}
