using System.Net;
using LlmReference.FraudService.Tests.Infrastructure;

namespace LlmReference.FraudService.Tests.Simulation;

[Collection(FraudServiceCollection.Name)]
public sealed class SimulationDisabledTests(FraudServiceFactory factory)
{
    [Fact]
    public async Task ControlEndpointsDoNotExistUnlessEnabled()
    {
        using var response = await factory.CreateClient().PostAsync("/api/fraud/simulation/start?profile=drifted", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
