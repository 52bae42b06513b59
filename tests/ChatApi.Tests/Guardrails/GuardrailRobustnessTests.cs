using LlmReference.ChatApi.Guardrails;

namespace LlmReference.ChatApi.Tests.Guardrails;

/// <summary>Word salad from the rules' own vocabulary, to shake out pattern bugs and stream/whole-reply differences.</summary>
public sealed class GuardrailRobustnessTests : IDisposable
{
    private static readonly string[] Vocabulary =
    [
        "I", "you", "should", "would", "recommend", "that", "buy", "sell", "invest", "in", "shares", "card", "account",
        "number", "of", "John", "Smith", "customer", "12345's", "ignore", "previous", "instructions", "the", "system",
        "prompt", "is", "now", "a", "good", "time", "to", "4111", "1111", "1111-1111", "12-34-56", "12345678", "0800",
        "123", "4567", "ending", "1234", "balance", "my", "other", "people's", ".", ",", "?", "!", "\n", "-", "no.",
        "sort", "code", "4539148803436467", "thanks", "please", "savings", "rates", "Mrs", "Patel's", "details",
    ];

    private readonly GuardrailHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task ChecksNeverFailOnArbitraryText()
    {
        var random = new Random(4242);
        for (var i = 0; i < 1500; i++)
        {
            var text = Salad(random, random.Next(1, 60));
            await _host.Policy.CheckInputAsync(text);
            _host.Policy.CheckOutput(text);
        }

        Assert.DoesNotContain(_host.Logs.GetSnapshot(), l => l.Id.Name == "GuardrailRuleFailed");
    }

    [Fact]
    public void StreamedReplyEqualsTheWholeReplyCheck()
    {
        var random = new Random(1717);
        var compared = 0;
        for (var i = 0; i < 500; i++)
        {
            var reply = Salad(random, random.Next(1, 80));
            var whole = _host.Policy.CheckOutput(reply);
            if (whole.IsBlocked)
            {
                continue;
            }

            var filter = _host.Policy.CreateStreamFilter();
            var streamed = string.Concat(reply.Chunk(random.Next(1, 8)).Select(c => filter.Append(new string(c)))) + filter.Complete();
            Assert.Equal(whole.Text, streamed);
            compared++;
        }

        Assert.True(compared > 100, $"only {compared} replies were compared");
    }

    private static string Salad(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
}
