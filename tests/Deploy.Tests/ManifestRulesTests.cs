using System.Globalization;
using System.Text.RegularExpressions;

namespace LlmReference.Deploy.Tests;

/// <summary>Rules the manifests keep that no schema checks: secrets stay out of ConfigMaps, and shutdown has time to drain.</summary>
public sealed partial class ManifestRulesTests
{
    [SkippableTheory]
    [InlineData(Overlays.Dev)]
    [InlineData(Overlays.Prod)]
    public async Task NoConfigMapCarriesAKeyOrAConnectionString(string overlay)
    {
        Tool.Kubectl.SkipIfUnavailable();

        var offending = Manifests.Parse(await Overlays.RenderAsync(overlay))
            .Where(o => o.Kind == "ConfigMap")
            .SelectMany(o => Data(o).Select(kv => (Map: o.Name, kv.Key, kv.Value)))
            .Where(e => SecretName().IsMatch(e.Key) || e.Value.Contains("Key=", StringComparison.OrdinalIgnoreCase) || e.Value.Contains("password", StringComparison.OrdinalIgnoreCase))
            .Select(e => $"{e.Map}: {e.Key}")
            .ToList();

        Assert.True(offending.Count == 0, "Secrets belong in Secrets: " + string.Join(", ", offending));
    }

    [SkippableTheory]
    [InlineData(Overlays.Dev)]
    [InlineData(Overlays.Prod)]
    public async Task TheKubeletWaitsLongerThanThePreStopSleepPlusTheHostsDrain(string overlay)
    {
        Tool.Kubectl.SkipIfUnavailable();
        var objects = Manifests.Parse(await Overlays.RenderAsync(overlay));
        var configMaps = objects.Where(o => o.Kind == "ConfigMap").ToDictionary(o => o.Name, Data);

        var checkedServices = new List<string>();
        foreach (var deployment in objects.Where(o => o.Kind == "Deployment" && o.Name is "chatapi" or "fraud"))
        {
            var pod = Path(deployment.Root, "spec", "template", "spec");
            var container = (IDictionary<object, object>)((List<object>)pod["containers"])[0];
            var grace = int.Parse((string)pod["terminationGracePeriodSeconds"], CultureInfo.InvariantCulture);
            var preStop = int.Parse((string)Path(container, "lifecycle", "preStop", "sleep")["seconds"], CultureInfo.InvariantCulture);
            var configMap = (string)Path((IDictionary<object, object>)((List<object>)container["envFrom"])[0], "configMapRef")["name"];
            var drain = int.Parse(configMaps[configMap]["shutdownTimeoutSeconds"], CultureInfo.InvariantCulture);

            // At least 5 s left after the drain for the telemetry exporters' last flush.
            Assert.True(grace >= preStop + drain + 5, $"{deployment.Name}: terminationGracePeriodSeconds {grace} < preStop {preStop} + shutdownTimeoutSeconds {drain} + 5");
            checkedServices.Add(deployment.Name);
        }

        Assert.Equal(["chatapi", "fraud"], checkedServices.Order());
    }

    [SkippableFact]
    public async Task ChatApiDrainsLongerThanItsStreamIdleTimeout()
    {
        Tool.Kubectl.SkipIfUnavailable();
        var chatapiConfig = Manifests.Parse(await Overlays.RenderAsync(Overlays.Prod)).Single(o => o.Kind == "ConfigMap" && o.Name.StartsWith("chatapi-config", StringComparison.Ordinal));

        // ChatApi ends a stream that has been silent for Chat:StreamIdleTimeout (30 s by default, ChatApiOptions); a
        // drain shorter than that would cut streams that are merely slow.
        Assert.True(int.Parse(Data(chatapiConfig)["shutdownTimeoutSeconds"], CultureInfo.InvariantCulture) > 30);
    }

    private static Dictionary<string, string> Data(K8sObject configMap) =>
        configMap.Root.TryGetValue("data", out var data) && data is IDictionary<object, object> map
            ? map.ToDictionary(kv => (string)kv.Key, kv => kv.Value?.ToString() ?? string.Empty)
            : [];

    private static IDictionary<object, object> Path(IDictionary<object, object> node, params string[] keys) =>
        keys.Aggregate(node, (current, key) => (IDictionary<object, object>)current[key]);

    [GeneratedRegex("(ConnectionStrings__|ApiKey|Password|Secret|KeyHash|AdminKey)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
