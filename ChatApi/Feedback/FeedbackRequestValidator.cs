using System.Text.RegularExpressions;

namespace LlmReference.ChatApi.Feedback;

/// <summary>Checks a <see cref="FeedbackRequest"/>; returns field errors, empty when valid.</summary>
public static partial class FeedbackRequestValidator
{
    /// <summary>Longest accepted response id. Provider ids are far shorter (OpenAI's <c>chatcmpl-…</c> is about 40).</summary>
    public const int MaxResponseIdLength = 128;

    public static Dictionary<string, string[]> Validate(FeedbackRequest request, FeedbackOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.ResponseId))
        {
            errors["responseId"] = ["The responseId is required: send the responseId of the answer you are rating."];
        }
        else if (!ResponseIdPattern().IsMatch(request.ResponseId))
        {
            errors["responseId"] = [$"The responseId must be 1-{MaxResponseIdLength} characters of letters, digits, '-', '_', '.' or ':'."];
        }

        if (!FeedbackScore.IsValid(request.Score))
        {
            errors["score"] = [$"The score must be '{FeedbackScore.Up}' or '{FeedbackScore.Down}'."];
        }

        if (request.Comment is { Length: var length } && length > options.MaxCommentLength)
        {
            errors["comment"] = [$"The comment is {length} characters long; the limit is {options.MaxCommentLength}."];
        }
        else if (request.Comment is not null && Chat.ControlCharacters.Find(request.Comment, "comment") is { } control)
        {
            errors["comment"] = [control];
        }

        return errors;
    }

    public static string Describe(Dictionary<string, string[]> errors) => string.Join(" ", errors.Values.SelectMany(e => e));

    // Response ids become parts of Redis keys: a fixed alphabet keeps them from smuggling in key separators or spaces.
    [GeneratedRegex(@"^[A-Za-z0-9._:-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex ResponseIdPattern();
}
