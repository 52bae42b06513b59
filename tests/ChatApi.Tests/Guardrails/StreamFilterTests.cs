using LlmReference.ChatApi.Guardrails;

namespace LlmReference.ChatApi.Tests.Guardrails;

public sealed class StreamFilterTests : IDisposable
{
    private readonly GuardrailHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void OrdinaryTextIsReleasedAsItArrives()
    {
        var filter = _host.Policy.CreateStreamFilter();

        Assert.Equal("Your nearest ", filter.Append("Your nearest "));
        Assert.Equal("branch is on High Street", filter.Append("branch is on High Street"));
        Assert.Equal(".", filter.Append("."));
        Assert.Equal("", filter.Complete());
    }

    [Fact]
    public void CardNumberSplitAcrossDeltasIsNeverReleasedInFull()
    {
        var filter = _host.Policy.CreateStreamFilter();
        string[] deltas = ["Your card ", "4111 11", "11 1111", " 1111", " is blocked."];

        var released = deltas.Select(filter.Append).ToList();
        released.Add(filter.Complete());

        Assert.Equal("Your card **** **** **** 1111 is blocked.", string.Concat(released));
        Assert.All(released, chunk => Assert.DoesNotContain("4111", chunk));
        Assert.Equal("Your card ", released[0]);
    }

    [Fact]
    public void NumberAtTheEndOfTheReplyIsMaskedOnCompletion()
    {
        var filter = _host.Policy.CreateStreamFilter();

        Assert.Equal("Card ", filter.Append("Card 4111111111111111"));
        Assert.Equal("************1111", filter.Complete());
    }

    [Fact]
    public void StreamedReplyMatchesTheCheckedWholeReply()
    {
        const string reply = "Thanks. Your IBAN is GB82 WEST 1234 5698 7654 32 and your card 4539 1488 0343 6467 is fine. Call 0800 123 4567!";
        var filter = _host.Policy.CreateStreamFilter();

        var streamed = string.Concat(reply.Chunk(3).Select(c => filter.Append(new string(c)))) + filter.Complete();

        // The IBAN's country and bank code may go out before the rest arrives; the account digits never do.
        Assert.DoesNotContain("1234 5698", streamed);
        Assert.DoesNotContain("4539", streamed);
        Assert.EndsWith("**** **** **54 32 and your card ****-****-****-6467 is fine. Call 0800 123 4567!".Replace('-', ' '), streamed);
    }

    [Fact]
    public void SentenceTurningIntoAdviceIsReplacedByTheRefusal()
    {
        var filter = _host.Policy.CreateStreamFilter();
        string[] deltas = ["Savings pay 4%. ", "You should ", "buy shares ", "in Tesla. ", "It will rise."];

        var released = deltas.Select(filter.Append).ToList();
        released.Add(filter.Complete());
        var text = string.Concat(released);

        Assert.True(filter.IsBlocked);
        Assert.StartsWith("Savings pay 4%. ", text);
        Assert.DoesNotContain("You should", text);
        Assert.DoesNotContain("Tesla", text);
        Assert.EndsWith(new GuardrailOptions().InvestmentAdvice.Message, text);
    }
}
