using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace LlmReference.Deploy.Tests;

/// <summary>One rendered Kubernetes object: its kind and name, and the document as nested dictionaries and lists.</summary>
internal sealed record K8sObject(string Kind, string Name, IDictionary<object, object> Root);

/// <summary>A container as the cluster would start it: what a service receives, in the terms the AppHost uses.</summary>
/// <param name="Environment">Variable names from <c>env</c>, and from <c>envFrom</c> for ConfigMaps and Secrets that
/// are rendered (a Secret created by hand contributes nothing: its keys are not known here).</param>
/// <param name="Ports">Named container ports.</param>
/// <param name="Probes">HTTP probes as "readiness /health on http".</param>
internal sealed record Workload(string Name, IReadOnlySet<string> Environment, IReadOnlySet<string> Ports, IReadOnlySet<string> Probes);

internal static class Manifests
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static IReadOnlyList<K8sObject> Parse(string yaml)
    {
        var objects = new List<K8sObject>();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (Deserializer.Deserialize<object?>(parser) is IDictionary<object, object> root)
            {
                var metadata = (IDictionary<object, object>)root["metadata"];
                objects.Add(new K8sObject((string)root["kind"], (string)metadata["name"], root));
            }
        }

        return objects;
    }

    /// <summary>The first container of every Deployment, with ConfigMap and Secret references resolved where rendered.</summary>
    public static IReadOnlyDictionary<string, Workload> Workloads(IReadOnlyList<K8sObject> objects)
    {
        var data = objects.Where(o => o.Kind is "ConfigMap" or "Secret")
            .ToDictionary(o => (o.Kind, o.Name), o => Map(o.Root, "data")?.Keys.Select(k => (string)k).ToArray() ?? []);

        var workloads = new Dictionary<string, Workload>(StringComparer.Ordinal);
        foreach (var deployment in objects.Where(o => o.Kind == "Deployment"))
        {
            var container = (IDictionary<object, object>)List(Map(Map(Map(deployment.Root, "spec"), "template"), "spec"), "containers")[0];

            var environment = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (IDictionary<object, object> variable in List(container, "env"))
            {
                environment.Add((string)variable["name"]);
            }

            foreach (IDictionary<object, object> source in List(container, "envFrom"))
            {
                var (kind, reference) = Map(source, "configMapRef") is { } configMap ? ("ConfigMap", configMap) : ("Secret", Map(source, "secretRef")!);
                var prefix = source.TryGetValue("prefix", out var p) ? (string)p : string.Empty;
                if (data.TryGetValue((kind, (string)reference["name"]), out var keys))
                {
                    environment.UnionWith(keys.Select(k => prefix + k));
                }
            }

            var ports = List(container, "ports").Cast<IDictionary<object, object>>()
                .Where(p => p.ContainsKey("name")).Select(p => (string)p["name"]).ToHashSet(StringComparer.Ordinal);

            var probes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in new[] { "readiness", "liveness", "startup" })
            {
                if (Map(Map(container, type + "Probe"), "httpGet") is { } get)
                {
                    probes.Add(Probe(type, (string)get["path"], get["port"].ToString()!));
                }
            }

            workloads[deployment.Name] = new Workload(deployment.Name, environment, ports, probes);
        }

        return workloads;
    }

    /// <summary>Named ports of every Service.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> ServicePorts(IReadOnlyList<K8sObject> objects) =>
        objects.Where(o => o.Kind == "Service").ToDictionary(
            o => o.Name,
            o => (IReadOnlySet<string>)List(Map(o.Root, "spec"), "ports").Cast<IDictionary<object, object>>()
                .Where(p => p.ContainsKey("name")).Select(p => (string)p["name"]).ToHashSet(StringComparer.Ordinal));

    public static string Probe(string type, string path, string port) => $"{type} {path} on {port}";

    /// <summary>
    /// Replaces <paramref name="oldText"/> with <paramref name="newText"/> in the one document of a multi-document YAML
    /// that contains both markers: how the tests break a rendered manifest in exactly one place.
    /// </summary>
    public static string ReplaceInDocument(string yaml, string marker1, string marker2, string oldText, string newText)
    {
        var documents = yaml.Split("\n---\n").ToList();
        var index = documents.FindIndex(d => d.Contains(marker1, StringComparison.Ordinal) && d.Contains(marker2, StringComparison.Ordinal) && d.Contains(oldText, StringComparison.Ordinal));
        Assert.True(index >= 0, $"No document has '{marker1}', '{marker2}' and '{oldText.Trim()}'.");
        var at = documents[index].IndexOf(oldText, StringComparison.Ordinal);
        documents[index] = documents[index][..at] + newText + documents[index][(at + oldText.Length)..];
        return string.Join("\n---\n", documents);
    }

    private static IDictionary<object, object>? Map(IDictionary<object, object>? node, string key) =>
        node is not null && node.TryGetValue(key, out var value) ? value as IDictionary<object, object> : null;

    private static List<object> List(IDictionary<object, object>? node, string key) =>
        node is not null && node.TryGetValue(key, out var value) && value is List<object> list ? list : [];
}
