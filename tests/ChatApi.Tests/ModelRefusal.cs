namespace LlmReference.ChatApi.Tests;

/// <summary>What a client is told when a deployment refuses a request for a model it does not serve.</summary>
public static class ModelRefusal
{
    /// <summary>
    /// A 502's detail names the deployment that refused and the HTTP status, and never repeats the provider's own text
    /// (the model server's is "The model `no-such-model` does not exist or you do not have access to it."): a
    /// provider's error can quote the prompt or name the account.
    /// </summary>
    public static void AssertInOurWords(string? detail, string deployment)
    {
        Assert.Contains($"deployment {deployment}", detail, StringComparison.Ordinal);
        Assert.Contains("HTTP 404", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("access", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("model_not_found", detail, StringComparison.Ordinal);
    }
}
