using LlmReference.FraudService.Monitoring;

namespace LlmReference.FraudService.Tests.Monitoring;

public sealed class ConfusionMatrixTests
{
    [Fact]
    public void RatiosMatchAHandComputedMatrix()
    {
        // 3 TP, 1 FP, 4 TN, 2 FN
        var m = new ConfusionMatrix();
        foreach (var (alert, fraud, n) in new[] { (true, true, 3), (true, false, 1), (false, false, 4), (false, true, 2) })
        {
            for (var i = 0; i < n; i++)
            {
                m = m.Add(alert, fraud);
            }
        }

        Assert.Equal(new ConfusionMatrix(3, 1, 4, 2), m);
        Assert.Equal(10, m.Total);
        Assert.Equal(0.75, m.Precision);
        Assert.Equal(0.6, m.Recall);
        Assert.Equal(0.2, m.FalsePositiveRate);
        Assert.Equal(0.4, m.AlertRate);
    }

    [Fact]
    public void UndefinedRatiosAreNullNotZero()
    {
        var onlyLegitApproved = new ConfusionMatrix(0, 0, 5, 0);

        Assert.Null(onlyLegitApproved.Precision);
        Assert.Null(onlyLegitApproved.Recall);
        Assert.Equal(0, onlyLegitApproved.FalsePositiveRate);
        Assert.Null(new ConfusionMatrix().AlertRate);
    }

    [Fact]
    public void CostWeighsEachErrorType()
    {
        var report = LabelMonitoring.From(new ConfusionMatrix(3, 1, 4, 2), 100, new MonitoringOptions { CostPerFalsePositive = 5, CostPerMissedFraud = 150 });

        Assert.Equal(5, report.FalsePositiveCost);
        Assert.Equal(300, report.MissedFraudCost);
        Assert.Equal(305, report.TotalCost);
        Assert.Equal(100, report.WindowSize);
    }
}
