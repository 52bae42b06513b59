using LlmReference.ChatApi.Guardrails;

namespace LlmReference.ChatApi.Tests.Guardrails;

public sealed class NumberMaskingTests : IDisposable
{
    private readonly GuardrailHost _host = new();

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData("Your card 4111 1111 1111 1111 is active.", "Your card **** **** **** 1111 is active.")]
    [InlineData("Card: 4539-1488-0343-6467.", "Card: ****-****-****-6467.")]
    [InlineData("Number 5500000000000004 was replaced", "Number ************0004 was replaced")]
    [InlineData("Amex 3782 822463 10005 is blocked", "Amex **** ****** *0005 is blocked")]
    [InlineData("Old card 4222222222222 expired", "Old card *********2222 expired")]
    [InlineData("Card 4111111111111111 123 (with its CVV)", "Card ************1111 123 (with its CVV)")]
    [InlineData("Two cards: 4111 1111 1111 1111 and 6011 1111 1111 1117.", "Two cards: **** **** **** 1111 and **** **** **** 1117.")]
    public void LuhnValidCardNumberIsMaskedToItsLastFourDigits(string reply, string expected)
    {
        var decision = _host.Policy.CheckOutput(reply);

        Assert.Equal(GuardrailOutcome.Mask, decision.Outcome);
        Assert.Equal(expected, decision.Text);
        Assert.Equal(GuardrailRules.CardNumber, Assert.Single(decision.Findings).Rule);
    }

    [Theory]
    [InlineData("Card 4111 1111 1111 1112 failed the check digit.")]
    [InlineData("Call us on +44 20 7946 0958 or 0800 123 4567.")]
    [InlineData("Your transaction id is 1234567890123456.")]
    [InlineData("Reference 9876 5432 1098 7654 3210 9876 was logged.")]
    [InlineData("Your card ending 1234 expires 12/27.")]
    [InlineData("The payment of 1500 GBP on 2026-11-27 went through.")]
    public void DigitRunsThatAreNotCardNumbersAreLeftAlone(string reply)
    {
        var decision = _host.Policy.CheckOutput(reply);

        Assert.Equal(GuardrailOutcome.Pass, decision.Outcome);
        Assert.Equal(reply, decision.Text);
    }

    [Theory]
    [InlineData("Your IBAN is GB82 WEST 1234 5698 7654 32.", "Your IBAN is **** **** **** **** **54 32.")]
    [InlineData("IBAN DE89370400440532013000 confirmed", "IBAN ******************3000 confirmed")]
    [InlineData("Sort code 12-34-56, account number 12345678.", "Sort code 12-34-56, account number ****5678.")]
    [InlineData("Paid into 20-00-00 55779911 yesterday", "Paid into 20-00-00 ****9911 yesterday")]
    [InlineData("Your account no. 87654321 is open.", "Your account no. ****4321 is open.")]
    public void AccountNumberIsMaskedToItsLastFourCharacters(string reply, string expected)
    {
        var decision = _host.Policy.CheckOutput(reply);

        Assert.Equal(GuardrailOutcome.Mask, decision.Outcome);
        Assert.Equal(expected, decision.Text);
        Assert.Contains(decision.Findings, f => f.Rule == GuardrailRules.AccountNumber);
    }

    [Theory]
    [InlineData("Order 12345678 has shipped.")]
    [InlineData("IBAN GB00 WEST 1234 5698 7654 32 has a wrong checksum.")]
    [InlineData("Our sort code is 12-34-56.")]
    public void NumbersThatAreNotAccountNumbersAreLeftAlone(string reply)
    {
        var decision = _host.Policy.CheckOutput(reply);

        Assert.Equal(GuardrailOutcome.Pass, decision.Outcome);
        Assert.Equal(reply, decision.Text);
    }

    [Fact]
    public void CommentMaskingHidesCardAndAccountNumbers()
    {
        Assert.Equal("card ************1111, acct number ****5678",
            SensitiveMask.MaskNumbers("card 4111111111111111, acct number 12345678"));
    }

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398713", true)]
    public void LuhnCheckMatchesKnownValues(string number, bool valid) => Assert.Equal(valid, CardNumbers.IsLuhnValid(number));
}
