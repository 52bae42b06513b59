using LlmReference.ChatApi.Sessions;

namespace LlmReference.ChatApi.Chat;

/// <summary>Checks a <see cref="ChatRequest"/> against the configured limits; returns field errors, empty when valid.</summary>
public static class ChatRequestValidator
{
    public static Dictionary<string, string[]> Validate(ChatRequest request, ChatApiOptions options)
    {
        var errors = new Dictionary<string, string[]>();

        if (string.IsNullOrWhiteSpace(request.Message))
        {
            errors["message"] = ["The message is required and must not be empty."];
        }
        else if (request.Message.Length > options.MaxMessageLength)
        {
            errors["message"] = [$"The message is {request.Message.Length} characters long; the limit is {options.MaxMessageLength}."];
        }
        else if (ControlCharacters.Find(request.Message, "message") is { } control)
        {
            errors["message"] = [control];
        }

        if (request.SessionId is not null && !SessionId.IsValid(request.SessionId))
        {
            errors["sessionId"] = [$"The session id must be 1-{SessionId.MaxLength} characters of letters, digits, '-' or '_'."];
        }

        return errors;
    }

    /// <summary>One sentence for the problem's <c>detail</c>, so a client sees the reason without parsing <c>errors</c>.</summary>
    public static string Describe(Dictionary<string, string[]> errors) =>
        string.Join(" ", errors.Values.SelectMany(e => e));
}
