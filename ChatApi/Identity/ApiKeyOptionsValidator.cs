using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Identity;

/// <summary>Rejects malformed key entries at start, so a typo cannot silently lock a caller out.</summary>
internal sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var entry = options.ApiKeys[i];
            var prefix = $"{ApiKeyOptions.SectionName}:ApiKeys:{i}";
            if (!UserId.IsValid(entry.UserId))
            {
                failures.Add($"{prefix}:UserId must be 1-64 characters of letters, digits, '-' or '_'.");
            }

            if (entry.KeyHash.Length != 64 || !entry.KeyHash.All(char.IsAsciiHexDigit))
            {
                failures.Add($"{prefix}:KeyHash must be the 64-character hex SHA-256 of the key, not the key itself.");
            }
        }

        var duplicates = options.ApiKeys.GroupBy(e => e.KeyHash, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).ToList();
        if (duplicates.Count > 0)
        {
            failures.Add($"{ApiKeyOptions.SectionName}:ApiKeys has {duplicates.Count} key hash(es) listed more than once.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
