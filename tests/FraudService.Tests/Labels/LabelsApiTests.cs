using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using LlmReference.FraudService.Labels;
using LlmReference.FraudService.Monitoring;
using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Tests.Infrastructure;
using LlmReference.FraudService.Transactions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace LlmReference.FraudService.Tests.Labels;

/// <summary>
/// Labels against a service with an empty window. The tests share the window, so they run in one order-independent
/// way: each asserts on the change it causes (or, in the confusion-matrix test, on a fresh window of its own).
/// </summary>
public sealed class LabelsApiTests(LabelsFactory factory) : IClassFixture<LabelsFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<ScoreResponse> ApprovedAsync() =>
        await _client.ScoreOkAsync(TestTransactions.Typical(TestTransactions.NewCustomerId()));

    private async Task<ScoreResponse> DeclinedAsync()
    {
        var customer = TestTransactions.NewCustomerId();
        await _client.ScoreOkAsync(TestTransactions.Typical(customer, TestTransactions.Night().AddHours(-2)));
        var declined = await _client.ScoreOkAsync(TestTransactions.Suspicious(customer, TestTransactions.Night()));
        Assert.Equal(Decision.Decline, declined.Decision);
        return declined;
    }

    private async Task<LabelBatchResponse> LabelAsync(params (string Id, bool IsFraud)[] labels)
    {
        using var response = await _client.PostAsJsonAsync("/api/fraud/labels/batch",
            new { labels = labels.Select(l => new { transactionId = l.Id, isFraud = l.IsFraud, labelledAt = DateTimeOffset.UtcNow }) }, HttpExtensions.Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return System.Text.Json.JsonSerializer.Deserialize<LabelBatchResponse>(text, HttpExtensions.Json)!;
    }

    private async Task<MonitoringReport> MonitoringAsync() =>
        (await _client.GetFromJsonAsync<MonitoringReport>("/api/fraud/monitoring", HttpExtensions.Json))!;

    [Fact]
    public async Task MonitoringMatchesAHandComputedConfusionMatrix()
    {
        var before = (await MonitoringAsync()).Labels;
        var declined = new List<string>();
        var approved = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            declined.Add((await DeclinedAsync()).TransactionId);
        }

        for (var i = 0; i < 6; i++)
        {
            approved.Add((await ApprovedAsync()).TransactionId);
        }

        // 3 TP, 1 FP, 4 TN, 2 FN (in two batches, to show the window spans requests).
        await LabelAsync((declined[0], true), (declined[1], true), (declined[2], true), (declined[3], false));
        await LabelAsync((approved[0], false), (approved[1], false), (approved[2], false), (approved[3], false), (approved[4], true));
        await LabelAsync((approved[5], true));

        var after = (await MonitoringAsync()).Labels;
        Assert.Equal(3, after.TruePositives - before.TruePositives);
        Assert.Equal(1, after.FalsePositives - before.FalsePositives);
        Assert.Equal(4, after.TrueNegatives - before.TrueNegatives);
        Assert.Equal(2, after.FalseNegatives - before.FalseNegatives);
        Assert.Equal((1 * 5) + (2 * 150), after.TotalCost - before.TotalCost, 9);
        if (before.Count == 0)
        {
            Assert.Equal(0.75, after.Precision);
            Assert.Equal(0.6, after.Recall);
            Assert.Equal(0.2, after.FalsePositiveRate);
            Assert.Equal(0.4, after.AlertRate);
        }
    }

    [Fact]
    public async Task RepeatedLabelsAreReportedAsDuplicatesAndNotCountedTwice()
    {
        var id = (await ApprovedAsync()).TransactionId;
        var first = await LabelAsync((id, false));
        var countAfterFirst = (await MonitoringAsync()).Labels.Count;

        var repeat = await LabelAsync((id, false), (id, false));

        Assert.Equal(1, first.Accepted);
        Assert.Equal(0, repeat.Accepted);
        Assert.Equal(2, repeat.Duplicates);
        Assert.Equal(countAfterFirst, (await MonitoringAsync()).Labels.Count);
    }

    [Fact]
    public async Task UnknownIdsAreReportedBackInTheBatch()
    {
        var known = (await ApprovedAsync()).TransactionId;
        var unknown = TestTransactions.NewTransactionId();

        var response = await LabelAsync((unknown, true), (known, false));

        Assert.Equal([unknown], response.UnknownTransactionIds);
        Assert.Equal([LabelStatus.Unknown, LabelStatus.Accepted], response.Results.Select(r => r.Status));
        Assert.Equal(1, response.Accepted);
    }

    [Fact]
    public async Task SingleLabelForUnknownIdIsNotFoundProblem()
    {
        using var response = await _client.PostAsJsonAsync("/api/fraud/labels",
            new { transactionId = TestTransactions.NewTransactionId(), isFraud = true }, HttpExtensions.Json);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.ReadProblemAsync();
    }

    [Fact]
    public async Task SingleLabelIsAcceptedThenIdempotent()
    {
        var id = (await ApprovedAsync()).TransactionId;

        var first = await _client.PostAsJsonAsync("/api/fraud/labels", new { transactionId = id, isFraud = false }, HttpExtensions.Json);
        var second = await _client.PostAsJsonAsync("/api/fraud/labels", new { transactionId = id, isFraud = false }, HttpExtensions.Json);

        Assert.Equal(LabelStatus.Accepted, (await first.Content.ReadFromJsonAsync<LabelResult>(HttpExtensions.Json))!.Status);
        Assert.Equal(LabelStatus.Duplicate, (await second.Content.ReadFromJsonAsync<LabelResult>(HttpExtensions.Json))!.Status);
        Assert.False((await factory.Services.GetRequiredService<TransactionStore>().GetLabelAsync(id))!.IsFraud);
    }

    [Fact]
    public async Task OppositeLabelIsAConflictAndTheFirstStands()
    {
        var id = (await ApprovedAsync()).TransactionId;
        await LabelAsync((id, false));

        using var response = await _client.PostAsJsonAsync("/api/fraud/labels", new { transactionId = id, isFraud = true }, HttpExtensions.Json);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await response.ReadProblemAsync();
        Assert.False((await factory.Services.GetRequiredService<TransactionStore>().GetLabelAsync(id))!.IsFraud);
    }

    [Fact]
    public async Task OversizedBatchIsBadRequestProblem()
    {
        var labels = Enumerable.Range(0, LabelsFactory.MaxLabelBatchSize + 1).Select(_ => new { transactionId = TestTransactions.NewTransactionId(), isFraud = true });

        using var response = await _client.PostAsJsonAsync("/api/fraud/labels/batch", new { labels }, HttpExtensions.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"at most {LabelsFactory.MaxLabelBatchSize}", (await response.ReadProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"labels\": []}", "at least one")]
    [InlineData("{}", "at least one")]
    [InlineData("{\"labels\": [{\"transactionId\": \"a\", \"isFraud\": true}, {\"transactionId\": \"b\"}]}", "labels[1].isFraud")]
    [InlineData("{\"labels\": [{\"transactionId\": \"bad id\", \"isFraud\": true}]}", "labels[0].transactionId")]
    [InlineData("{\"labels\": [null]}", "labels[0]")]
    [InlineData("{\"labels\": [{\"transactionId\": \"a\", \"isFraud\": true, \"extra\": 1}]}", "extra")]
    public async Task InvalidBatchIsBadRequestProblemAndRecordsNothing(string json, string mentioned)
    {
        var countBefore = (await MonitoringAsync()).Labels.Count;

        using var response = await _client.PostAsync("/api/fraud/labels/batch", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(mentioned, (await response.ReadProblemAsync()).ToString(), StringComparison.Ordinal);
        Assert.Equal(countBefore, (await MonitoringAsync()).Labels.Count);
    }

    [Fact]
    public async Task LabelInTheFutureIsRejected()
    {
        var id = (await ApprovedAsync()).TransactionId;

        using var response = await _client.PostAsJsonAsync("/api/fraud/labels",
            new { transactionId = id, isFraud = false, labelledAt = DateTimeOffset.UtcNow.AddDays(1) }, HttpExtensions.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty("labelledAt", out _));
    }

    [Fact]
    public async Task MonitoringFiguresAreExportedAsGaugesWithTheModelVersion()
    {
        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        using var precision = new MetricCollector<double>(meters, FraudTelemetry.Name, FraudTelemetry.Metrics.Precision);
        using var outcomes = new MetricCollector<long>(meters, FraudTelemetry.Name, FraudTelemetry.Metrics.LabelledTransactions);
        using var cost = new MetricCollector<double>(meters, FraudTelemetry.Name, FraudTelemetry.Metrics.ErrorCost);
        using var labels = new MetricCollector<long>(meters, FraudTelemetry.Name, FraudTelemetry.Metrics.LabelsReceived);
        await LabelAsync(((await DeclinedAsync()).TransactionId, true), (TestTransactions.NewTransactionId(), true));
        var report = await MonitoringAsync();

        precision.RecordObservableInstruments();
        outcomes.RecordObservableInstruments();
        cost.RecordObservableInstruments();

        var p = precision.LastMeasurement!;
        Assert.Equal(report.Labels.Precision, p.Value);
        Assert.Equal(RulesModel.ModelVersion, p.Tags[FraudTelemetry.Attributes.ModelVersion]);
        var cells = outcomes.GetMeasurementSnapshot().TakeLast(4).ToDictionary(m => (string)m.Tags[FraudTelemetry.Attributes.Outcome]!, m => m.Value);
        Assert.Equal(report.Labels.TruePositives, cells["true_positive"]);
        Assert.Equal(report.Labels.FalseNegatives, cells["false_negative"]);
        Assert.Equal(report.Labels.TotalCost, cost.GetMeasurementSnapshot().TakeLast(2).Sum(m => m.Value), 9);
        Assert.Contains(labels.GetMeasurementSnapshot(), m => (string?)m.Tags[FraudTelemetry.Attributes.LabelStatus] == "unknown");
        Assert.Contains(labels.GetMeasurementSnapshot(), m => (string?)m.Tags[FraudTelemetry.Attributes.LabelStatus] == "accepted"
            && (string?)m.Tags[FraudTelemetry.Attributes.ModelVersion] == RulesModel.ModelVersion);
    }

    [Fact]
    public async Task LabellingEmitsASpanWithItsOutcome()
    {
        var spans = new List<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == FraudTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity); } },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var id = (await ApprovedAsync()).TransactionId;

        await LabelAsync((id, false));

        lock (spans)
        {
            var span = Assert.Single(spans, s => s.OperationName == FraudTelemetry.Spans.Label && (string?)s.GetTagItem(FraudTelemetry.Attributes.TransactionId) == id);
            Assert.Equal("accepted", span.GetTagItem(FraudTelemetry.Attributes.LabelStatus));
        }
    }
}
