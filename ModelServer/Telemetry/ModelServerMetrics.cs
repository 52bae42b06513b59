using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using static LlmReference.ModelServer.Telemetry.ModelServerTelemetry;

namespace LlmReference.ModelServer.Telemetry;

/// <summary>The GenAI server metrics, on the service's one Meter (from <see cref="IMeterFactory"/>).</summary>
internal sealed class ModelServerMetrics
{
    // Bucket boundaries advised by the GenAI semantic conventions for each instrument.
    private static readonly IReadOnlyList<double> RequestDurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
    private static readonly IReadOnlyList<double> TimeToFirstTokenBuckets = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0];
    private static readonly IReadOnlyList<double> TimePerOutputTokenBuckets = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5];
    private static readonly IReadOnlyList<long> TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Histogram<double> _timePerOutputToken;
    private readonly Histogram<long> _tokenUsage;
    private readonly Counter<long> _faultInjections;
    private readonly string _deployment;

    public ModelServerMetrics(IMeterFactory meterFactory, IOptions<ModelServerOptions> options)
    {
        Meter = meterFactory.Create(Name);
        _deployment = options.Value.Deployment;
        _requestDuration = Meter.CreateHistogram(Metrics.RequestDuration, "s", "Generative AI server request duration such as time-to-last byte or last output token.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RequestDurationBuckets });
        _timeToFirstToken = Meter.CreateHistogram(Metrics.TimeToFirstToken, "s", "Time to generate first token for successful responses.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TimeToFirstTokenBuckets });
        _timePerOutputToken = Meter.CreateHistogram(Metrics.TimePerOutputToken, "s", "Time per output token generated after the first token for successful responses.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TimePerOutputTokenBuckets });
        _tokenUsage = Meter.CreateHistogram(Metrics.TokenUsage, "{token}", "Number of input and output tokens the server processed.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = TokenBuckets });
        _faultInjections = Meter.CreateCounter<long>(Metrics.FaultInjections, "{request}", "Requests that an injected fault failed, delayed or stalled.");
    }

    /// <summary>The service's Meter, for instruments that live with their feature (the fault gauge).</summary>
    public Meter Meter { get; }

    public void RecordRequest(string operation, string? requestModel, string? responseModel, TimeSpan duration, string? errorType)
    {
        var tags = Tags(operation, requestModel, responseModel);
        if (errorType is not null)
        {
            tags.Add(Attributes.ErrorType, errorType);
        }

        _requestDuration.Record(duration.TotalSeconds, tags);
    }

    public void RecordGeneration(string operation, string model, TimeSpan timeToFirstToken, TimeSpan? timePerOutputToken)
    {
        var tags = Tags(operation, model, model);
        _timeToFirstToken.Record(timeToFirstToken.TotalSeconds, tags);
        if (timePerOutputToken is { } perToken)
        {
            _timePerOutputToken.Record(perToken.TotalSeconds, tags);
        }
    }

    public void RecordTokens(string operation, string model, int inputTokens, int? outputTokens)
    {
        var tags = Tags(operation, model, model);
        tags.Add(Attributes.TokenType, TokenTypes.Input);
        _tokenUsage.Record(inputTokens, tags);
        if (outputTokens is { } output)
        {
            var outputTags = Tags(operation, model, model);
            outputTags.Add(Attributes.TokenType, TokenTypes.Output);
            _tokenUsage.Record(output, outputTags);
        }
    }

    public void RecordFaultInjection(string mode) =>
        _faultInjections.Add(1, new KeyValuePair<string, object?>(Attributes.FaultMode, mode), new KeyValuePair<string, object?>(Attributes.Deployment, _deployment));

    private TagList Tags(string operation, string? requestModel, string? responseModel)
    {
        var tags = new TagList
        {
            { Attributes.OperationName, operation },
            { Attributes.ProviderName, ProviderName },
            { Attributes.Deployment, _deployment },
        };
        if (requestModel is not null)
        {
            tags.Add(Attributes.RequestModel, requestModel);
        }

        if (responseModel is not null)
        {
            tags.Add(Attributes.ResponseModel, responseModel);
        }

        return tags;
    }
}
