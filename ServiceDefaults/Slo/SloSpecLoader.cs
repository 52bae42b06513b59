using LlmReference.Slo;

namespace LlmReference.ServiceDefaults.Slo;

/// <summary>Reads the SLOs of the configured service and checks that each can be evaluated in-process.</summary>
internal static class SloSpecLoader
{
    /// <exception cref="SloSpecException">The folder or a file is missing or invalid, the service has no SLO, or a selector cannot be counted.</exception>
    public static IReadOnlyList<SloSpec> Load(SloMonitoringOptions options)
    {
        if (!Directory.Exists(options.SpecDirectory))
        {
            throw new SloSpecException(
                $"Slo:Service is '{options.Service}' but the SLO folder '{options.SpecDirectory}' (Slo:SpecDirectory) does not exist. " +
                $"The project copies slo/{options.Service}.yaml from the repository into its output's slo/ folder.");
        }

        var specs = SloSpecReader.ReadDirectory(options.SpecDirectory)
            .Where(s => s.Service == options.Service)
            .ToList();
        if (specs.Count == 0)
        {
            throw new SloSpecException(
                $"Slo:Service is '{options.Service}' but no SLO in '{options.SpecDirectory}' has spec.service '{options.Service}'.");
        }

        foreach (var spec in specs)
        {
            if ((SeriesBinding.Unsupported(spec.Good) ?? SeriesBinding.Unsupported(spec.Total)) is { } problem)
            {
                throw new SloSpecException($"SLO '{spec.Name}': {problem}");
            }
        }

        return specs;
    }
}
