namespace LlmReference.ChatApi.Guardrails.Normalization;

/// <summary>Reads digits and symbols that stand for letters inside words ("pr3v10us", "@ll", "$ystem") as those letters.</summary>
internal static class Leetspeak
{
    public static string Fold(string text)
    {
        char[]? folded = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (Letter(text[i]) is not { } letter)
            {
                continue;
            }

            // Only inside a word: "1gn0re" folds, "4 cards" and "10:45" stay as they are.
            if (IsWordNeighbour(text, i - 1, -1) || IsWordNeighbour(text, i + 1, +1))
            {
                folded ??= text.ToCharArray();
                folded[i] = letter;
            }
        }

        return folded is null ? text : new string(folded);
    }

    /// <summary>A letter at <paramref name="i"/>, or a run of leet characters that reaches one (in <paramref name="step"/> direction).</summary>
    private static bool IsWordNeighbour(string text, int i, int step)
    {
        for (; i >= 0 && i < text.Length; i += step)
        {
            if (char.IsLetter(text[i]))
            {
                return true;
            }

            if (Letter(text[i]) is null)
            {
                return false;
            }
        }

        return false;
    }

    private static char? Letter(char c) => c switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '8' => 'b',
        '9' => 'g',
        '@' => 'a',
        '$' => 's',
        _ => null,
    };
}
