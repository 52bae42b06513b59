using LlmReference.FraudService.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace LlmReference.FraudService.Tests.Labels;

/// <summary>A service of its own (own Garnet), so the monitoring window holds exactly what the test put there.</summary>
public sealed class LabelsFactory : FraudServiceFactory
{
    public const int MaxLabelBatchSize = 5;

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Fraud:Labels:MaxBatchSize", MaxLabelBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Fraud:Monitoring:CostPerFalsePositive", "5");
        builder.UseSetting("Fraud:Monitoring:CostPerMissedFraud", "150");
    }
}
