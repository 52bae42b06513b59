using LlmReference.FraudService.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace LlmReference.FraudService.Tests.Monitoring;

/// <summary>A service of its own with a small drift window, so a few hundred requests fill it.</summary>
public sealed class DriftFactory : FraudServiceFactory
{
    public const int WindowSize = 600;

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Fraud:Monitoring:ScoredWindowSize", WindowSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Fraud:Monitoring:MinScoredForDrift", "500");
        builder.UseSetting("Fraud:Storage:RecentPerCustomer", "200");
    }
}
