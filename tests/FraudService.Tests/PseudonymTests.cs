namespace LlmReference.FraudService.Tests;

public sealed class PseudonymTests
{
    [Fact]
    public void SameCustomerGetsTheSamePseudonymWhichDoesNotContainTheId()
    {
        var a = Pseudonym.Of("customer-12345");

        Assert.Equal(a, Pseudonym.Of("customer-12345"));
        Assert.NotEqual(a, Pseudonym.Of("customer-12346"));
        Assert.DoesNotContain("12345", a, StringComparison.Ordinal);
        Assert.Matches("^c_[0-9a-f]{12}$", a);
    }
}
