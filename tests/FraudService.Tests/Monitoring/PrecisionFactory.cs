using LlmReference.FraudService.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace LlmReference.FraudService.Tests.Monitoring;

/// <summary>A service of its own whose precision floor is reached after a handful of labels, checked every second.</summary>
public sealed class PrecisionFactory : FraudServiceFactory
{
    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Fraud:Monitoring:MinLabelsForHealth", "3");
        builder.UseSetting("Fraud:Monitoring:MinPrecision", "0.5");
        builder.UseSetting("Fraud:Monitoring:RefreshInterval", "00:00:01");
    }
}
