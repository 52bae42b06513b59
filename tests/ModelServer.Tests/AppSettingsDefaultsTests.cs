using LlmReference.TestSupport;
using LlmReference.Tests.Shared;

namespace LlmReference.ModelServer.Tests;

/// <summary>
/// Each default exists once: on its options property; appsettings.json holds only what differs from it, and the model
/// profiles (<c>ModelServer:Models</c>), which are data.
/// </summary>
public sealed class AppSettingsDefaultsTests
{
    [Fact]
    public void AppSettingsRepeatsNoDefault()
    {
        var repeated = RepeatedDefaults.InFile(Repository.Path("ModelServer", "appsettings.json"), baseFile: null, typeof(ModelServerOptions).Assembly);
        Assert.True(repeated.Count == 0, "ModelServer/appsettings.json lines to remove:\n" + string.Join("\n", repeated));
    }
}
