using LlmReference.ChatApi.Compliance;

namespace LlmReference.ChatApi.Tests;

public sealed class PiiRedactorTests
{
    [Theory]
    [InlineData("card 4111111111111111 declined", "card [card] declined")]
    [InlineData("card 4111-1111-1111-1111", "card [card]")]
    [InlineData("amex 3782 822463 10005 ok", "amex [card] ok")]
    [InlineData("mail me at jane.doe+bank@example.co.uk", "mail me at [email]")]
    [InlineData("call +1 (415) 555-0100 today", "call [phone] today")]
    [InlineData("call 020 7946 0958", "call [phone]")]
    public void PiiIsMasked(string input, string expected) => Assert.Equal(expected, PiiRedactor.Mask(input));

    [Theory]
    [InlineData("I paid 120 EUR on 12 March at 10:45")]
    [InlineData("my transaction limit is 2500")]
    [InlineData("order 12345 shipped")]
    public void OrdinaryTextIsLeftAlone(string input) => Assert.Equal(input, PiiRedactor.Mask(input));
}
