using System.Diagnostics;
using System.Diagnostics.Metrics;
using static LlmReference.ChatApi.ChatApiTelemetry;

namespace LlmReference.ChatApi;

/// <summary>ChatApi's instruments, created from <see cref="IMeterFactory"/> so tests can observe them.</summary>
public sealed class ChatApiMetrics
{
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _trimmedTurns;
    private readonly Counter<long> _budgetRejections;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<double> _cost;
    private readonly Counter<long> _failovers;
    private readonly Histogram<double> _semanticSimilarity;
    private readonly Histogram<double> _streamFirstChunk;

    public ChatApiMetrics(IMeterFactory meterFactory)
    {
        var meter = Meter = meterFactory.Create(Name);
        _requests = meter.CreateCounter<long>(Metrics.Requests, unit: "{request}", description: "Chat requests by outcome.");
        // Bucket bounds include the latency SLO's threshold (slo/chatapi.yaml: 10 s), so Prometheus can count good turns.
        _duration = meter.CreateHistogram<double>(Metrics.RequestDuration, unit: "s", description: "Duration of a chat turn.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        // Bounds include the streaming SLO's threshold (slo/chatapi.yaml: 2.5 s).
        _streamFirstChunk = meter.CreateHistogram<double>(Metrics.StreamTimeToFirstChunk, unit: "s",
            description: "Time from a streamed chat request's arrival to the first piece of answer sent to the client.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 2.5, 5, 10, 30] });
        _trimmedTurns = meter.CreateCounter<long>(Metrics.HistoryTrimmedTurns, unit: "{turn}", description: "Turns dropped from session histories by the max-turns limit.");
        _failovers = meter.CreateCounter<long>(Metrics.Failovers, unit: "{failover}", description: "Model calls handed from an unavailable deployment to the next.");
        _cost = meter.CreateCounter<double>(Metrics.Cost, unit: "USD", description: "Estimated cost of model calls from the configured price table.");
        _cacheLookups = meter.CreateCounter<long>(Metrics.CacheLookups, unit: "{lookup}", description: "Response cache lookups by result (hit or miss) and kind (exact or semantic).");
        _semanticSimilarity = meter.CreateHistogram<double>(Metrics.CacheSemanticSimilarity, unit: "1",
            description: "Best cosine similarity found by each semantic-cache lookup, tagged hit or miss.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.925, 0.95, 0.975, 0.99, 1] });
        _budgetRejections = meter.CreateCounter<long>(Metrics.BudgetRejections, unit: "{request}", description: "Requests refused by a per-user token budget.");
    }

    /// <summary>
    /// ChatApi's one Meter (<see cref="ChatApiTelemetry.Name"/>); feature metrics (guardrails, feedback) create their
    /// instruments on it rather than asking the factory again.
    /// </summary>
    public Meter Meter { get; }

    /// <summary>One chat request's outcome, and its duration when it got as far as being timed.</summary>
    /// <param name="streaming">Whether it came to <c>/api/chat/stream</c>: the latency SLO covers plain turns only.</param>
    public void RecordRequest(string outcome, string model, bool streaming, TimeSpan? duration = null)
    {
        var tags = new TagList { { Tags.Outcome, outcome }, { Tags.RequestModel, model }, { Tags.Streaming, streaming } };
        _requests.Add(1, tags);
        if (duration is { } elapsed)
        {
            _duration.Record(elapsed.TotalSeconds, tags);
        }
    }

    /// <summary>A streamed turn's first piece of answer reached the client (the streaming latency SLI).</summary>
    public void RecordStreamFirstChunk(TimeSpan sinceRequest, string model, bool cached) =>
        _streamFirstChunk.Record(sinceRequest.TotalSeconds, new TagList { { Tags.RequestModel, model }, { Tags.Cached, cached } });

    public void RecordBudgetRejection(string limit) => _budgetRejections.Add(1, new KeyValuePair<string, object?>(Tags.BudgetLimit, limit));

    public void RecordFailover(string from, string to, string errorType, string requestModel) => _failovers.Add(1, new TagList
    {
        { Tags.RequestModel, requestModel },
        { Tags.FailoverFrom, from },
        { Tags.FailoverTo, to },
        { Tags.ErrorType, errorType },
    });

    public void RecordCost(double usd, string requestModel, string? responseModel, string? deployment = null) =>
        _cost.Add(usd, CostTags(requestModel, responseModel, deployment));

    /// <summary>The GenAI attributes <c>gen_ai.client.*</c> carries, plus the deployment that answered.</summary>
    private static TagList CostTags(string requestModel, string? responseModel, string? deployment)
    {
        var tags = new TagList
        {
            { Tags.OperationName, "chat" },
            { Tags.ProviderName, "openai" },
            { Tags.RequestModel, requestModel },
        };
        if (responseModel is not null)
        {
            tags.Add(Tags.ResponseModel, responseModel);
        }

        if (deployment is not null)
        {
            tags.Add(Tags.Deployment, deployment);
        }

        return tags;
    }

    public void RecordCacheLookup(bool hit, string requestModel) => _cacheLookups.Add(1, new TagList
    {
        { Tags.RequestModel, requestModel },
        { Tags.CacheResult, hit ? "hit" : "miss" },
        { Tags.CacheKind, "exact" },
    });

    /// <summary>A semantic lookup: counted with the exact ones, and its best similarity (none when the scope was empty).</summary>
    public void RecordSemanticLookup(bool hit, double? bestSimilarity, string requestModel)
    {
        var tags = new TagList { { Tags.CacheResult, hit ? "hit" : "miss" }, { Tags.CacheKind, "semantic" }, { Tags.RequestModel, requestModel } };
        _cacheLookups.Add(1, tags);
        if (bestSimilarity is { } similarity)
        {
            _semanticSimilarity.Record(similarity, tags);
        }
    }

    public void RecordTrimmedTurns(int turns)
    {
        if (turns > 0)
        {
            _trimmedTurns.Add(turns);
        }
    }
}
