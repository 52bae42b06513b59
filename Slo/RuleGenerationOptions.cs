namespace LlmReference.Slo;

/// <summary>How <see cref="PrometheusRuleGenerator"/> writes a rules file.</summary>
public sealed class RuleGenerationOptions
{
    /// <summary>The regeneration command the committed files name in their header.</summary>
    public const string DefaultCommand = "dotnet run --project SloRules";

    /// <summary>
    /// Divides every window and <c>for:</c> duration, so that a demo or a test sees in seconds what production sees
    /// in hours (720 turns 1h into 5s and the 30d period into 1h). Rule names keep the nominal window, so dashboards
    /// and queries work unchanged. 1 (the default) is production: the committed files are never compressed.
    /// </summary>
    public double TimeCompression { get; set; } = 1;

    /// <summary>
    /// No compressed window or <c>for:</c> duration is shorter than this. The default, 4 s, is four scrapes at the
    /// 1 s interval a compressed demo uses: <c>rate()</c> needs at least two samples in its window, and four leave
    /// room for a late or missed scrape.
    /// </summary>
    public TimeSpan MinimumWindow { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Prefix of every alert's <c>runbook_url</c> annotation, e.g. <c>https://github.com/org/repo/blob/main/</c>.
    /// Empty (the default) leaves the repository-relative path, <c>docs/runbooks/{alert}.md</c>.
    /// </summary>
    public string RunbookBaseUrl { get; set; } = string.Empty;

    /// <summary>The command line the header tells a reader to run to regenerate the file.</summary>
    public string Command { get; set; } = DefaultCommand;

    /// <summary>Where the specs live, as the header should name it (the specs' file names are appended).</summary>
    public string SpecFolder { get; set; } = "slo";

    /// <summary>Whether windows are scaled down (<see cref="TimeCompression"/> above 1).</summary>
    public bool IsCompressed => TimeCompression > 1;

    /// <summary>A production window (or <c>for:</c> duration) as the rules use it: compressed, never below the minimum.</summary>
    public TimeSpan Scale(TimeSpan nominal)
    {
        if (!IsCompressed)
        {
            return nominal;
        }

        var scaled = TimeSpan.FromMilliseconds(Math.Floor(nominal.TotalMilliseconds / TimeCompression));
        return scaled < MinimumWindow ? MinimumWindow : scaled;
    }

    /// <exception cref="ArgumentException">A setting that would produce an invalid rules file.</exception>
    public void Validate()
    {
        if (!double.IsFinite(TimeCompression) || TimeCompression < 1)
        {
            throw new ArgumentException($"TimeCompression must be a finite number of at least 1 (1 = production), not {TimeCompression}.", nameof(TimeCompression));
        }

        if (IsCompressed && MinimumWindow < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"MinimumWindow must be at least 1s when windows are compressed, not {MinimumWindow}.", nameof(MinimumWindow));
        }
    }
}
