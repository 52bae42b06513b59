using LlmReference.TestSupport;
using LlmReference.ServiceDefaults.Slo;
using LlmReference.Tests.Shared;

namespace LlmReference.FraudService.Tests;

/// <summary>Each default exists once: on its options property; appsettings.json holds only what differs from it.</summary>
public sealed class AppSettingsDefaultsTests
{
    [Fact]
    public void AppSettingsRepeatsNoDefault()
    {
        var repeated = RepeatedDefaults.InFile(
            Repository.Path("FraudService", "appsettings.json"), baseFile: null, typeof(FraudApiOptions).Assembly, typeof(SloMonitoringOptions).Assembly);
        Assert.True(repeated.Count == 0, "FraudService/appsettings.json lines to remove:\n" + string.Join("\n", repeated));
    }
}
