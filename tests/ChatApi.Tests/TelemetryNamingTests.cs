using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using LlmReference.ChatApi.Feedback;
using LlmReference.ChatApi.Guardrails;
using Microsoft.Extensions.DependencyInjection;

namespace LlmReference.ChatApi.Tests;

/// <summary>One ActivitySource and one Meter per service, named after it (what ServiceDefaults subscribes to).</summary>
[Collection(ChatApiCollection.Name)]
public sealed class TelemetryNamingTests(ChatApiEnvironment environment)
{
    [Fact]
    public void ChatApiDeclaresExactlyOneActivitySourceNamedAfterTheService()
    {
        var sources = typeof(ChatApiTelemetry).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(f => f.FieldType == typeof(ActivitySource))
            .Select(f => (ActivitySource)f.GetValue(null)!)
            .ToList();

        var source = Assert.Single(sources);
        Assert.Equal(ChatApiTelemetry.Name, source.Name);
        Assert.Equal(ChatApiTelemetry.Name, typeof(ChatApiTelemetry).Assembly.GetName().Name);
    }

    [Fact]
    public async Task EveryFeaturesInstrumentsShareTheOneChatApiMeter()
    {
        await using var host = new ChatApiHost(environment);
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var meters = new HashSet<Meter>();
        var instruments = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    lock (meters)
                    {
                        meters.Add(instrument.Meter);
                        instruments.Add(instrument.Name);
                    }
                }
            },
        };
        listener.Start();

        // Resolving the features' metrics classes creates their instruments (on the already-built host).
        host.Services.GetRequiredService<ChatApiMetrics>();
        host.Services.GetRequiredService<GuardrailMetrics>();
        host.Services.GetRequiredService<FeedbackMetrics>();

        var meter = Assert.Single(meters, m => m.Name == ChatApiTelemetry.Name);
        Assert.Same(host.Services.GetRequiredService<ChatApiMetrics>().Meter, meter);
        Assert.Contains(ChatApiTelemetry.Metrics.Requests, instruments);
        Assert.Contains(GuardrailTelemetry.Decisions, instruments);
        Assert.Contains(FeedbackTelemetry.Votes, instruments);
    }
}
