namespace LlmReference.ChatApi.Guardrails.Normalization;

/// <summary>
/// A text as the guardrails read it (<see cref="TextNormalizer"/>), with the way back: every character of
/// <see cref="Text"/> knows the range of <see cref="Original"/> it came from.
/// </summary>
public sealed class NormalizedText
{
    private readonly int[] _starts;
    private readonly int[] _ends;
    private string? _letters;

    internal NormalizedText(string original, string text, int[] starts, int[] ends)
    {
        Original = original;
        Text = text;
        _starts = starts;
        _ends = ends;
    }

    public string Original { get; }

    /// <summary>NFKC, invisible characters removed, diacritics dropped, look-alike letters and all digits folded.</summary>
    public string Text { get; }

    /// <summary>
    /// <see cref="Text"/> with leetspeak read as letters ("1gn0re" → "ignore", "$ystem" → "system"): a digit or symbol
    /// next to a letter is taken for the letter it imitates. Same length as <see cref="Text"/>. For the intent rules
    /// only: the number rules read <see cref="Text"/>, where digits stay digits.
    /// </summary>
    public string Letters => _letters ??= Leetspeak.Fold(Text);

    /// <summary>The range of <see cref="Original"/> that <paramref name="match"/> (a range of <see cref="Text"/>) came from.</summary>
    internal TextMatch ToOriginal(TextMatch match)
    {
        if (match.Length == 0)
        {
            var at = match.Start < _starts.Length ? _starts[match.Start] : Original.Length;
            return new TextMatch(at, 0);
        }

        var start = _starts[match.Start];
        return new TextMatch(start, _ends[match.End - 1] - start);
    }
}
