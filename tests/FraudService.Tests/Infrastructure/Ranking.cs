namespace LlmReference.FraudService.Tests.Infrastructure;

/// <summary>Ranking metrics computed independently of ML.NET, to check its figures.</summary>
public static class Ranking
{
    // Probability that a random fraud outscores a random legitimate transaction (ties count half).
    public static double RocAuc(IReadOnlyList<(bool IsFraud, double Score)> scored)
    {
        var ranked = scored.OrderBy(s => s.Score).ToList();
        double rankSum = 0;
        var i = 0;
        while (i < ranked.Count)
        {
            var j = i;
            while (j + 1 < ranked.Count && ranked[j + 1].Score == ranked[i].Score)
            {
                j++;
            }

            var averageRank = ((i + j) / 2.0) + 1;
            for (var k = i; k <= j; k++)
            {
                if (ranked[k].IsFraud)
                {
                    rankSum += averageRank;
                }
            }

            i = j + 1;
        }

        double positives = scored.Count(s => s.IsFraud);
        double negatives = scored.Count - positives;
        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }
}
