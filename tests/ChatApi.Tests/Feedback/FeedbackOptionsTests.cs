using Microsoft.Extensions.Options;

namespace LlmReference.ChatApi.Tests.Feedback;

[Collection(ChatApiCollection.Name)]
public sealed class FeedbackOptionsTests(ChatApiEnvironment environment)
{
    [Theory]
    [InlineData("Feedback:MaxRequestBodyBytes", "1024", "cannot hold a comment of Feedback:MaxCommentLength (1000) characters; it needs at least 4512 bytes")]
    [InlineData("Feedback:ResponseTtl", "00:00:00", "ResponseTtl")]
    [InlineData("Feedback:MaxCommentLength", "-1", "MaxCommentLength")]
    [InlineData("Feedback:Retention", "00:00:00", "Retention")]
    public async Task UnworkableFeedbackSettingsFailStart(string key, string value, string expected)
    {
        await using var host = new ChatApiHost(environment, new Dictionary<string, string?> { [key] = value });

        var exception = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        var validation = exception as OptionsValidationException
            ?? exception.InnerException as OptionsValidationException
            ?? (exception as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault();
        Assert.True(validation is not null, $"expected an options validation failure, got {exception}");
        Assert.Contains(expected, validation.Message);
    }
}
