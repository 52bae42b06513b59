using System.Text.RegularExpressions;

namespace LlmReference.Deploy.Tests;

/// <summary>
/// What an overlay must carry of the AppHost: for each service the AppHost runs, a Deployment of the same name whose
/// container receives every environment variable the AppHost sets (by name, as .NET configuration reads them:
/// case-insensitively), a named port per endpoint with a Service exposing it, and every probe the AppHost declares.
/// Values may differ (a Service address for a localhost port, a Secret for a parameter); names may not.
/// </summary>
internal static partial class Parity
{
    /// <summary>
    /// Variables only the AppHost's local run needs, with why a cluster does without them. Everything else the AppHost
    /// passes must be in the manifests.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> AppHostOnly = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["ASPNETCORE_URLS"] = "binds localhost on a port DCP allocates; the manifests set ASPNETCORE_HTTP_PORTS=8080 and name the port (checked as an endpoint)",
        ["DOTNET_LAUNCH_PROFILE"] = "picks a launchSettings.json profile under `dotnet run`; a container has none",
        ["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "colours in the dashboard's console view",
        // Aspire's tuning of the exporters for its local dashboard (development runs only); a collector takes the
        // OpenTelemetry SDK defaults, and OTEL_EXPORTER_OTLP_ENDPOINT/PROTOCOL/SERVICE_NAME/RESOURCE_ATTRIBUTES are carried.
        ["OTEL_EXPORTER_OTLP_HEADERS"] = "the dashboard's OTLP API key; a collector in the cluster needs none",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "1 s log batches, so the dashboard shows logs at once",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "1 s span batches, so the dashboard shows traces at once",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1 s metric exports for the dashboard's live charts",
        ["OTEL_TRACES_SAMPLER"] = "always_on for the dashboard; a cluster's sampling is the collector's or the SDK default's",
        ["OTEL_METRICS_EXEMPLAR_FILTER"] = "trace-based exemplars for the dashboard's charts",
        ["OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_DISABLE_URL_QUERY_REDACTION"] = "shows query strings in local traces; redacted elsewhere",
        ["OTEL_DOTNET_EXPERIMENTAL_HTTPCLIENT_DISABLE_URL_QUERY_REDACTION"] = "shows query strings in local traces; redacted elsewhere",
        ["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"] = "prompt text for the dashboard's GenAI view; the services' own switch, Llm__CaptureContent, is carried",
    };

    /// <summary>Resources that no overlay deploys as such, and what stands in for them.</summary>
    public static readonly IReadOnlyDictionary<string, string> NeverDeployed = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["prometheus"] = "a cluster brings its own Prometheus (ServiceMonitors or pod annotations); the AppHost runs one only where the binary is installed",
    };

    /// <summary>The differences, one line each ("chatapi: environment variable X is not set"); empty when in step.</summary>
    public static IReadOnlyList<string> Differences(
        IReadOnlyList<AppHostService> services, IReadOnlyList<K8sObject> objects, IReadOnlyDictionary<string, string> notDeployed)
    {
        var workloads = Manifests.Workloads(objects);
        var servicePorts = Manifests.ServicePorts(objects);
        var differences = new List<string>();
        foreach (var service in services.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            if (notDeployed.ContainsKey(service.Name) || NeverDeployed.ContainsKey(service.Name))
            {
                continue;
            }

            if (!workloads.TryGetValue(service.Name, out var workload))
            {
                differences.Add($"{service.Name}: no Deployment named {service.Name}");
                continue;
            }

            differences.AddRange(service.Environment
                .Where(name => !IsAppHostOnly(name) && !workload.Environment.Contains(name))
                .Order(StringComparer.Ordinal)
                .Select(name => $"{service.Name}: environment variable {name} is not set"));

            foreach (var endpoint in service.Endpoints.Order(StringComparer.Ordinal))
            {
                if (!workload.Ports.Contains(endpoint))
                {
                    differences.Add($"{service.Name}: no container port named {endpoint}");
                }

                if (!servicePorts.TryGetValue(service.Name, out var ports) || !ports.Contains(endpoint))
                {
                    differences.Add($"{service.Name}: no Service {service.Name} with a port named {endpoint}");
                }
            }

            differences.AddRange(service.Probes
                .Where(probe => !workload.Probes.Contains(probe))
                .Order(StringComparer.Ordinal)
                .Select(probe => $"{service.Name}: no {probe} probe"));
        }

        return differences;
    }

    /// <summary>
    /// An <see cref="AppHostOnly"/> name, or one of Aspire 13's per-endpoint variables for non-.NET clients
    /// (<c>FRAUD_HTTP</c>): .NET services find each other through the <c>services__*</c> variables, which must be there.
    /// </summary>
    public static bool IsAppHostOnly(string name) => AppHostOnly.ContainsKey(name) || EndpointVariable().IsMatch(name);

    [GeneratedRegex("^[A-Z0-9_]+_(HTTP|HTTPS|TCP)$")]
    private static partial Regex EndpointVariable();
}
