namespace LlmReference.Slo.Tests;

public class PrometheusDurationTests
{
    [Theory]
    [InlineData("5m", 0, 0, 5, 0, 0)]
    [InlineData("30d", 30, 0, 0, 0, 0)]
    [InlineData("1h30m", 0, 1, 30, 0, 0)]
    [InlineData("500ms", 0, 0, 0, 0, 500)]
    [InlineData("2w", 14, 0, 0, 0, 0)]
    [InlineData("1d2h3m4s5ms", 1, 2, 3, 4, 5)]
    [InlineData(" 6h ", 0, 6, 0, 0, 0)]
    public void Parses(string text, int days, int hours, int minutes, int seconds, int milliseconds) =>
        Assert.Equal(new TimeSpan(days, hours, minutes, seconds, milliseconds), PrometheusDuration.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5 m")]
    [InlineData("1.5h")]
    [InlineData("-5m")]
    [InlineData("5mm")]
    [InlineData("a month")]
    public void RejectsWhatPrometheusWouldNot(string text)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusDuration.Parse(text));
        Assert.Contains("is not a duration", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, 5, 0, 0, "5m")]
    [InlineData(30, 0, 0, 0, 0, "30d")]
    [InlineData(14, 0, 0, 0, 0, "14d")]
    [InlineData(0, 2, 30, 0, 0, "2h30m")]
    [InlineData(0, 0, 0, 4, 0, "4s")]
    [InlineData(0, 0, 0, 3, 600, "3s600ms")]
    [InlineData(0, 0, 0, 0, 450, "450ms")]
    public void FormatsTheShortestSpelling(int days, int hours, int minutes, int seconds, int milliseconds, string expected)
    {
        var duration = new TimeSpan(days, hours, minutes, seconds, milliseconds);

        Assert.Equal(expected, PrometheusDuration.Format(duration));
        Assert.Equal(duration, PrometheusDuration.Parse(expected));
    }

    [Fact]
    public void FormatRejectsLessThanAMillisecond() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PrometheusDuration.Format(TimeSpan.FromTicks(9_999)));
}
