using LlmReference.ChatApi.Guardrails;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;

namespace LlmReference.ChatApi.Tests.Guardrails;

/// <summary>
/// The guardrail policy as ChatApi registers it (<see cref="GuardrailServiceExtensions.AddGuardrails"/>), in a small
/// host with configuration, fake logging and the metric collected, started so options are validated as at start-up.
/// </summary>
public sealed class GuardrailHost : IDisposable
{
    private readonly IHost _host;

    public GuardrailHost(IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddMetrics();
        builder.Services.AddFakeLogging();
        builder.AddGuardrails();
        _host = builder.Build();
        _host.Start();

        Policy = _host.Services.GetRequiredService<IGuardrailPolicy>();
        Logs = _host.Services.GetFakeLogCollector();
        Decisions = new MetricCollector<long>(_host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), ChatApiTelemetry.Name, GuardrailTelemetry.Decisions);
    }

    public IGuardrailPolicy Policy { get; }

    public FakeLogCollector Logs { get; }

    public MetricCollector<long> Decisions { get; }

    public void Dispose()
    {
        Decisions.Dispose();
        _host.Dispose();
    }
}
