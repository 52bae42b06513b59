namespace LlmReference.FraudService.Monitoring;

/// <summary>
/// A distribution over bins: value <c>v</c> falls in bin <c>i</c> = number of edges ≤ <c>v</c>
/// (so <c>n</c> edges make <c>n + 1</c> bins).
/// </summary>
public sealed record BinnedDistribution(double[] Edges, double[] Proportions)
{
    /// <summary>Stands in for an empty bin so that PSI stays finite (the usual smoothing).</summary>
    public const double Epsilon = 1e-4;

    public int BinOf(double value)
    {
        var bin = 0;
        while (bin < Edges.Length && value >= Edges[bin])
        {
            bin++;
        }

        return bin;
    }

    /// <summary>Counts the values into this distribution's bins.</summary>
    public long[] Count(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var counts = new long[Edges.Length + 1];
        foreach (var value in values)
        {
            counts[BinOf(value)]++;
        }

        return counts;
    }

    /// <summary>Population stability index of <paramref name="actualCounts"/> against this (expected) distribution: Σ (a − e) ln(a / e).</summary>
    public double Psi(long[] actualCounts)
    {
        ArgumentNullException.ThrowIfNull(actualCounts);
        if (actualCounts.Length != Proportions.Length)
        {
            throw new ArgumentException($"Expected {Proportions.Length} bins, got {actualCounts.Length}.", nameof(actualCounts));
        }

        double total = actualCounts.Sum();
        if (total == 0)
        {
            return 0;
        }

        var psi = 0.0;
        for (var i = 0; i < actualCounts.Length; i++)
        {
            var a = Math.Max(actualCounts[i] / total, Epsilon);
            var e = Math.Max(Proportions[i], Epsilon);
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }

    /// <summary>Builds the reference: given edges, or decile edges of the values (ties merged), and the proportions.</summary>
    public static BinnedDistribution FromValues(IReadOnlyList<double> values, double[]? fixedEdges)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("A reference needs values.", nameof(values));
        }

        var edges = fixedEdges ?? Deciles(values);
        var counts = new BinnedDistribution(edges, new double[edges.Length + 1]).Count(values);
        return new BinnedDistribution(edges, [.. counts.Select(c => (double)c / values.Count)]);
    }

    private static double[] Deciles(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var edges = new SortedSet<double>();
        for (var q = 1; q < 10; q++)
        {
            edges.Add(sorted[(int)((long)q * (sorted.Length - 1) / 10)]);
        }

        // An edge equal to the minimum would make an always-empty first bin.
        edges.Remove(sorted[0]);
        return [.. edges];
    }
}
