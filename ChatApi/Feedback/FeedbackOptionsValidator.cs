using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Feedback;

/// <summary>
/// Keeps the two limits consistent: a comment at the length limit must fit in the body size limit, or customers would
/// get 413 for a comment the endpoint says it accepts.
/// </summary>
internal sealed class FeedbackOptionsValidator : IValidateOptions<FeedbackOptions>
{
    /// <summary>Room for the JSON around the comment: the field names, a maximum-length response id and the score.</summary>
    public const int EnvelopeBytes = 512;

    /// <summary>UTF-8 takes at most four bytes per character.</summary>
    public const int BytesPerCommentCharacter = 4;

    public ValidateOptionsResult Validate(string? name, FeedbackOptions options)
    {
        var needed = (long)options.MaxCommentLength * BytesPerCommentCharacter + EnvelopeBytes;
        return options.MaxRequestBodyBytes >= needed
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{FeedbackOptions.SectionName}:MaxRequestBodyBytes ({options.MaxRequestBodyBytes}) cannot hold a comment of " +
                $"{FeedbackOptions.SectionName}:MaxCommentLength ({options.MaxCommentLength}) characters; it needs at least {needed} bytes.");
    }
}
