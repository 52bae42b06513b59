using System.ComponentModel.DataAnnotations;

namespace LlmReference.ServiceDefaults.Slo;

/// <summary>
/// In-process SLO evaluation (configuration section <c>Slo</c>): which service this process is, where its OpenSLO
/// specs are, and the short windows over which it judges a fast burn. Monitoring is on only when
/// <see cref="Service"/> is set, so a service without SLOs (ModelServer) is unchanged.
/// </summary>
public sealed class SloMonitoringOptions : IValidatableObject
{
    public const string SectionName = "Slo";

    /// <summary>
    /// The <c>spec.service</c> whose SLOs this process evaluates, e.g. <c>chatapi</c> or <c>fraud</c> (the AppHost
    /// resource name, as in the spec files).
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", ErrorMessage = "Slo:Service must be a lower-case resource name such as 'chatapi'.")]
    public string Service { get; set; } = string.Empty;

    /// <summary>
    /// Folder of the OpenSLO files (every <c>*.yaml</c> is read). Default: <c>slo</c> beside the service's assembly,
    /// where the project copies its file from the repository's <c>slo/</c> folder.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string SpecDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "slo");

    /// <summary>
    /// Short window of the page pair (default 5 minutes, as in the SRE workbook): it makes the check react within
    /// minutes and stop soon after recovery.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ShortWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Long window of the page pair (default 1 hour): it proves the burn is sustained, not a blip.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LongWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Burn rate above which both windows count as a fast burn (default 14.4: 2 % of a 30-day budget in one hour,
    /// the workbook's page threshold and the generated Prometheus alert's).
    /// </summary>
    [Range(1.0, 1000.0)]
    public double FastBurnThreshold { get; set; } = 14.4;

    /// <summary>
    /// Events a window needs before its burn rate is judged (default 10): one failed request out of two is a 50 %
    /// error ratio, but not evidence of anything.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MinimumEvents { get; set; } = 10;

    /// <summary>
    /// Resolution of the sliding windows (default 10 seconds): a window is the last <c>window / BucketSize</c>
    /// buckets, the current partial one included, so it is exact to one bucket.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan BucketSize { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The evaluated windows, shortest first.</summary>
    public IReadOnlyList<TimeSpan> Windows => [ShortWindow, LongWindow];

    /// <summary>Cross-field rules (the single-field ones are the attributes above).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ShortWindow >= LongWindow)
        {
            yield return new ValidationResult(
                $"Slo:ShortWindow ({ShortWindow}) must be shorter than Slo:LongWindow ({LongWindow}).", [nameof(ShortWindow), nameof(LongWindow)]);
        }

        if (BucketSize > TimeSpan.Zero && ShortWindow < BucketSize)
        {
            yield return new ValidationResult(
                $"Slo:ShortWindow ({ShortWindow}) must be at least one Slo:BucketSize ({BucketSize}).", [nameof(ShortWindow), nameof(BucketSize)]);
        }

        if (BucketSize > TimeSpan.Zero && LongWindow / BucketSize > MaxBuckets)
        {
            yield return new ValidationResult(
                $"Slo:LongWindow ({LongWindow}) is more than {MaxBuckets} buckets of Slo:BucketSize ({BucketSize}); use larger buckets.", [nameof(LongWindow), nameof(BucketSize)]);
        }
    }

    /// <summary>Upper bound on a window's buckets, which every evaluation sums.</summary>
    internal const int MaxBuckets = 10_000;
}
