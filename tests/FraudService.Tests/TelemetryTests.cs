using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace LlmReference.FraudService.Tests;

[Collection(FraudServiceCollection.Name)]
public sealed class TelemetryTests(FraudServiceFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(factory.Services.GetRequiredService<IMeterFactory>(), FraudTelemetry.Name, instrument);

    [Fact]
    public async Task ScoringEmitsCountScoreAndDurationTaggedWithDecisionAndModelVersion()
    {
        using var scored = Collect<long>(FraudTelemetry.Metrics.TransactionsScored);
        using var score = Collect<double>(FraudTelemetry.Metrics.Score);
        using var duration = Collect<double>(FraudTelemetry.Metrics.ScoringDuration);

        var customer = TestTransactions.NewCustomerId();
        var approved = await _client.ScoreOkAsync(TestTransactions.Typical(customer));
        await _client.ScoreOkAsync(TestTransactions.Typical(TestTransactions.NewCustomerId()));
        var declined = await _client.ScoreOkAsync(TestTransactions.Suspicious(customer, TestTransactions.Night()));
        Assert.Equal(Decision.Decline, declined.Decision);

        // Other tests in the collection may score concurrently: look for ours, not for exact totals.
        var counts = scored.GetMeasurementSnapshot();
        Assert.True(counts.Count(m => m.Tags["fraud.decision"] as string == "approve") >= 2);
        Assert.Contains(counts, m => m.Tags["fraud.decision"] as string == "decline" && m.Value == 1);
        Assert.All(counts, m => Assert.Equal(RulesModel.ModelVersion, m.Tags["fraud.model.version"]));

        var scores = score.GetMeasurementSnapshot();
        Assert.Contains(scores, m => m.Value == approved.Score);
        Assert.Contains(scores, m => m.Value == declined.Score);
        Assert.All(duration.GetMeasurementSnapshot(), m => Assert.True(m.Value > 0));
        Assert.True(duration.GetMeasurementSnapshot().Count >= 3);
    }

    [Fact]
    public async Task ScoringEmitsASpanWithTheDecision()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FraudTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);

        var response = await _client.ScoreOkAsync(TestTransactions.Typical(TestTransactions.NewCustomerId()));

        Activity span;
        lock (spans)
        {
            span = Assert.Single(spans, s => s.GetTagItem(FraudTelemetry.Attributes.TransactionId) as string == response.TransactionId);
        }

        Assert.Equal(FraudTelemetry.Spans.Score, span.OperationName);
        Assert.Equal("approve", span.GetTagItem(FraudTelemetry.Attributes.Decision));
        Assert.Equal(RulesModel.ModelVersion, span.GetTagItem(FraudTelemetry.Attributes.ModelVersion));
        Assert.Equal(response.Score, span.GetTagItem(FraudTelemetry.Attributes.Score));
    }

    [Fact]
    public async Task LogsNameTheCustomerOnlyByPseudonym()
    {
        var customer = TestTransactions.NewCustomerId();
        var approved = await _client.ScoreOkAsync(TestTransactions.Typical(customer));
        var declined = await _client.ScoreOkAsync(TestTransactions.Suspicious(customer, TestTransactions.Night()));
        Assert.Equal(Decision.Decline, declined.Decision);

        var logs = factory.Services.GetFakeLogCollector().GetSnapshot();
        var ours = logs.Where(r => r.Message.Contains(declined.TransactionId, StringComparison.Ordinal)
            || r.Message.Contains(approved.TransactionId, StringComparison.Ordinal)).ToList();

        Assert.Contains(ours, r => r.Id.Name == "TransactionDeclined" && r.Level == LogLevel.Information);
        Assert.Contains(ours, r => r.Id.Name == "TransactionScored");
        Assert.All(ours, r => Assert.Contains(Pseudonym.Of(customer), r.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, r => r.Message.Contains(customer, StringComparison.Ordinal)
            || r.StructuredState?.Any(kv => kv.Value?.Contains(customer, StringComparison.Ordinal) == true) == true);
    }
}
