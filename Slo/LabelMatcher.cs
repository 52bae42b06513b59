using System.Text.RegularExpressions;

namespace LlmReference.Slo;

/// <summary>A PromQL label matcher: <c>=</c>, <c>!=</c>, <c>=~</c> or <c>!~</c>.</summary>
public sealed record LabelMatcher
{
    private readonly Regex? _regex;

    public LabelMatcher(string name, string op, string value)
    {
        Name = name;
        Operator = op;
        Value = value;
        if (op is "=~" or "!~")
        {
            // PromQL regular expressions are fully anchored (RE2 syntax; the subset used here means the same in .NET).
            _regex = new Regex($"^(?:{value})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        else if (op is not ("=" or "!="))
        {
            throw new ArgumentException($"'{op}' is not a PromQL label matcher.", nameof(op));
        }
    }

    public string Name { get; }

    public string Operator { get; }

    public string Value { get; }

    /// <summary>Whether a series whose label has this value (null or empty when absent) is selected.</summary>
    public bool Matches(string? labelValue)
    {
        var value = labelValue ?? string.Empty;
        return Operator switch
        {
            "=" => value == Value,
            "!=" => value != Value,
            "=~" => _regex!.IsMatch(value),
            _ => !_regex!.IsMatch(value),
        };
    }

    public override string ToString() => $"{Name}{Operator}\"{Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
