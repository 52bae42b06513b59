using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// Rejects a policy that cannot work at start: an action the rule does not support (masking an injection attempt
/// means nothing) or a blocking rule with no message for the customer.
/// </summary>
internal sealed class GuardrailOptionsValidator : IValidateOptions<GuardrailOptions>
{
    public ValidateOptionsResult Validate(string? name, GuardrailOptions options)
    {
        var failures = new List<string>();
        foreach (var rule in GuardrailRules.All)
        {
            var settings = rule.Settings(options);
            var key = $"{GuardrailOptions.SectionName}:{rule.OptionName}";
            if (!Enum.IsDefined(settings.Action))
            {
                failures.Add($"{key}:Action must be one of {string.Join(", ", Enum.GetNames<GuardrailAction>())}.");
            }
            else if (settings.Action == GuardrailAction.Mask && !rule.CanMask)
            {
                failures.Add($"{key}:Action cannot be Mask: the {rule.Id} rule finds intent, not a value to hide. Use Block, Log or Off.");
            }

            if (settings.Action == GuardrailAction.Block && string.IsNullOrWhiteSpace(settings.Message))
            {
                failures.Add($"{key}:Message is required when the action is Block: it is what the customer is told.");
            }

            if (settings.Message.Length > GuardrailOptions.MaxMessageLength)
            {
                failures.Add($"{key}:Message is {settings.Message.Length} characters; the limit is {GuardrailOptions.MaxMessageLength}.");
            }

            if (settings.ExtraPatterns.Count > ExtraPatterns.MaxCount)
            {
                failures.Add($"{key}:ExtraPatterns has {settings.ExtraPatterns.Count} patterns; the limit is {ExtraPatterns.MaxCount}.");
            }

            for (var i = 0; i < settings.ExtraPatterns.Count; i++)
            {
                if (ExtraPatterns.Problem(settings.ExtraPatterns[i]) is { } problem)
                {
                    failures.Add($"{key}:ExtraPatterns:{i} {problem}.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
