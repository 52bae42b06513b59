using Microsoft.Extensions.Logging;

namespace LlmReference.ServiceDefaults.Slo;

/// <summary>SLO monitoring logs: fast-burn transitions (once each, not every evaluation) and what is counted.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9100, EventName = "SloFastBurnStarted", Level = LogLevel.Warning,
        Message = "SLO {Slo} is burning its error budget fast: {ShortBurnRate:0.##}x over {ShortWindow} and {LongBurnRate:0.##}x over {LongWindow} (page threshold {Threshold}x); Prometheus pages this as {AlertName}")]
    public static partial void FastBurnStarted(ILogger logger, string slo, double shortBurnRate, string shortWindow, double longBurnRate, string longWindow, double threshold, string alertName);

    [LoggerMessage(EventId = 9101, EventName = "SloFastBurnStopped", Level = LogLevel.Information,
        Message = "SLO {Slo} is no longer burning its error budget fast: {ShortBurnRate:0.##}x over {ShortWindow} (page threshold {Threshold}x)")]
    public static partial void FastBurnStopped(ILogger logger, string slo, double? shortBurnRate, string shortWindow, double threshold);

    [LoggerMessage(EventId = 9103, EventName = "SloBucketBoundMissing", Level = LogLevel.Warning,
        Message = "SLO {Slo} selects {Selector}, but instrument {Instrument} has no bucket at that bound (its bounds: {Bounds}): Prometheus cannot count its good events; add the threshold to the histogram's bucket advice")]
    public static partial void BucketBoundMissing(ILogger logger, string slo, string selector, string instrument, string bounds);

    [LoggerMessage(EventId = 9102, EventName = "SloSeriesBound", Level = LogLevel.Debug,
        Message = "SLO {Slo} counts its {Role} events ({Selector}) from instrument {Meter}/{Instrument}")]
    public static partial void SeriesBound(ILogger logger, string slo, string role, string selector, string meter, string instrument);
}
