using Microsoft.Extensions.Options;

namespace LlmReference.ModelServer.Tests;

public sealed class UnknownModelProfileFactory() : ModelServerFactory(new Dictionary<string, string?> { ["ModelServer:Model"] = "bank-assist-huge" });

/// <summary>Bad configuration stops the server at start with a message that names the key.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public void ModelWithoutAProfileFailsAtStart()
    {
        using var factory = new UnknownModelProfileFactory();

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.BaseUri);

        Assert.Contains("ModelServer:Model 'bank-assist-huge' has no profile", error.Message);
    }
}
