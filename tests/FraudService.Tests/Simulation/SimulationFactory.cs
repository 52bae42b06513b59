using LlmReference.FraudService.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace LlmReference.FraudService.Tests.Simulation;

/// <summary>A service with the built-in traffic generator enabled, fast, with quick labels.</summary>
public sealed class SimulationFactory : FraudServiceFactory
{
    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Fraud:Simulation:Enabled", "true");
        builder.UseSetting("Fraud:Simulation:EventsPerSecond", "100");
        builder.UseSetting("Fraud:Simulation:LabelDelay", "00:00:00.2");
        builder.UseSetting("Fraud:Simulation:Customers", "5000");
    }
}
