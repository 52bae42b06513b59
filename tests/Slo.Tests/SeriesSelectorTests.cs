namespace LlmReference.Slo.Tests;

public class SeriesSelectorTests
{
    [Theory]
    [InlineData("chat_requests_total")]
    [InlineData("chat_requests_total{outcome=\"success\"}")]
    [InlineData("chat_requests_total{outcome!~\"invalid_request|rate_limited\"}")]
    [InlineData("http_server_request_duration_seconds_bucket{http_route=\"/api/fraud/score\",http_response_status_code=\"200\",le=\"0.05\"}")]
    [InlineData("http_server_request_duration_seconds_count{http_route=~\"/api/fraud/.+\",http_response_status_code!=\"500\"}")]
    [InlineData("slo:sli_error:ratio_rate5m{slo=\"a\\\"b\\\\c\"}")]
    public void ParseAndToStringRoundTrip(string promql)
    {
        var selector = SeriesSelector.Parse(promql);

        Assert.Equal(promql, selector.ToString());
        Assert.Equal(promql, SeriesSelector.Parse(selector.ToString()).ToString());
    }

    [Fact]
    public void SpacingAndSingleQuotesAreNormalised()
    {
        var selector = SeriesSelector.Parse(" chat_requests_total { outcome = 'success' , chat_streaming!=\"true\" , } ");

        Assert.Equal("chat_requests_total", selector.MetricName);
        Assert.Equal("chat_requests_total{outcome=\"success\",chat_streaming!=\"true\"}", selector.ToString());
    }

    [Theory]
    [InlineData("chat_request_duration_seconds_bucket{le=\"10\"}", 10.0)]
    [InlineData("chat_stream_time_to_first_chunk_seconds_bucket{le=\"2.5\"}", 2.5)]
    [InlineData("chat_request_duration_seconds_count", null)]
    public void UpperBoundComesFromTheLeMatcher(string promql, double? expected) =>
        Assert.Equal(expected, SeriesSelector.Parse(promql).UpperBound);

    [Theory]
    [InlineData("")]
    [InlineData("{outcome=\"success\"}")]
    [InlineData("sum(rate(chat_requests_total[5m]))")]
    [InlineData("chat_requests_total[5m]")]
    [InlineData("chat_requests_total{outcome=\"success\"")]
    [InlineData("chat_requests_total{outcome==\"success\"}")]
    [InlineData("chat_requests_total{outcome=success}")]
    [InlineData("chat_requests_total{outcome=\"success\" chat_streaming=\"true\"}")]
    [InlineData("chat_requests_total{le=\"10\"}")]
    public void AnythingButAPlainSelectorIsRejected(string text) =>
        Assert.Throws<FormatException>(() => SeriesSelector.Parse(text));

    [Theory]
    [InlineData("success", true)]
    [InlineData("model_error", false)]
    [InlineData(null, false)]
    public void EqualityMatcher(string? outcome, bool selected) =>
        Assert.Equal(selected, Select("chat_requests_total{outcome=\"success\"}", ("outcome", outcome)));

    [Theory]
    [InlineData("model_error", true)]
    [InlineData("rate_limited", false)]
    [InlineData("invalid_request", false)]
    [InlineData("rate_limited_extra", true)] // anchored: a longer value is not the excluded one
    [InlineData("xrate_limited", true)]
    [InlineData(null, true)]                 // absent label is "" and "" matches neither alternative
    public void NegativeRegexIsAnchored(string? outcome, bool selected) =>
        Assert.Equal(selected, Select("chat_requests_total{outcome!~\"invalid_request|rate_limited\"}", ("outcome", outcome)));

    [Theory]
    [InlineData("/api/fraud/score", true)]
    [InlineData("/api/fraud/", false)]       // .+ needs at least one character
    [InlineData("/api/fraudulent", false)]
    [InlineData("/x/api/fraud/score", false)] // anchored at the start too
    [InlineData(null, false)]
    public void PositiveRegexIsAnchored(string? route, bool selected) =>
        Assert.Equal(selected, Select("http_server_request_duration_seconds_count{http_route=~\"/api/fraud/.+\"}", ("http_route", route)));

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("x", false)]
    public void AbsentLabelMatchesAnEmptyValue(string? label, bool selected) =>
        Assert.Equal(selected, Select("m_total{extra=\"\"}", ("extra", label)));

    [Theory]
    [InlineData("500", false)]
    [InlineData("200", true)]
    [InlineData(null, true)]
    public void NotEqualMatcher(string? code, bool selected) =>
        Assert.Equal(selected, Select("m_total{http_response_status_code!=\"500\"}", ("http_response_status_code", code)));

    [Fact]
    public void EveryMatcherMustHold()
    {
        var selector = SeriesSelector.Parse("m_total{a=\"1\",b=~\"x|y\"}");
        var labels = new Dictionary<string, string> { ["a"] = "1", ["b"] = "y" };

        Assert.True(selector.Matches(labels.GetValueOrDefault));
        labels["a"] = "2";
        Assert.False(selector.Matches(labels.GetValueOrDefault));
    }

    [Fact]
    public void UnknownOperatorIsRejected() =>
        Assert.Throws<ArgumentException>(() => new LabelMatcher("a", "<>", "b"));

    private static bool Select(string promql, (string Name, string? Value) label) =>
        SeriesSelector.Parse(promql).Matches(name => name == label.Name ? label.Value : null);
}
