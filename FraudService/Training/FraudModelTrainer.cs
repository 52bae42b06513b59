using LlmReference.FraudService.Monitoring;
using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Simulation;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace LlmReference.FraudService.Training;

/// <summary>
/// Trains the FastTree (gradient-boosted trees, managed code, no native library) fraud classifier on seeded simulated
/// traffic. The first 80 % of the time-ordered data trains, the last 20 % is held out: metrics, thresholds and the
/// reference distributions come from it. Single-threaded with fixed seeds, so the same settings give the same model.
/// </summary>
public static class FraudModelTrainer
{
    public const string DefaultVersion = "fasttree-v1";

    private static readonly DateTimeOffset Start = new(2025, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Span = TimeSpan.FromDays(60);

    public static TrainingResult Train(TrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var scoring = new ScoringOptions();
        var traffic = new TransactionSimulator(settings.Seed, settings.Customers).Generate(settings.Transactions, Start, Span);
        var rows = FeatureReplay.Replay(traffic, scoring).ToList();
        var split = (int)(rows.Count * 0.8);
        var train = rows.Take(split).Select(r => new ModelInput { Features = ModelFeatures.ToVector(r.Features), Label = r.Simulated.Label }).ToList();
        var test = rows.Skip(split).ToList();

        var ml = new MLContext(settings.Seed);
        var trainView = ml.Data.LoadFromEnumerable(train);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            MinimumExampleCountPerLeaf = 20,
            LearningRate = 0.1,
            NumberOfThreads = 1,
            Seed = settings.Seed,
            FeatureColumnName = nameof(ModelInput.Features),
            LabelColumnName = nameof(ModelInput.Label),
        });
        var fitted = trainer.Fit(trainView);
        var contributions = ml.Transforms.CalculateFeatureContribution(fitted, numberOfPositiveContributions: ModelFeatures.Count, numberOfNegativeContributions: 0, normalize: false)
            .Fit(fitted.Transform(trainView));
        var model = fitted.Append(contributions);

        var testInputs = test.Select(r => new ModelInput { Features = ModelFeatures.ToVector(r.Features), Label = r.Simulated.Label }).ToList();
        var predictions = model.Transform(ml.Data.LoadFromEnumerable(testInputs));
        var metrics = ml.BinaryClassification.Evaluate(predictions, labelColumnName: nameof(ModelInput.Label));
        var probabilities = predictions.GetColumn<float>(nameof(ModelOutput.Probability)).Select(p => (double)p).ToArray();
        var labels = testInputs.Select(i => i.Label).ToArray();

        var review = OperatingPointAt(Threshold(probabilities, labels, settings.TargetReviewFalsePositiveRate), probabilities, labels);
        var decline = OperatingPointAt(Math.Max(Threshold(probabilities, labels, settings.TargetDeclineFalsePositiveRate), review.Threshold), probabilities, labels);
        var reference = ReferenceProfile.FromScored(settings.ModelVersion, settings.Seed, [.. test.Select((r, i) => (r.Features, probabilities[i]))]);

        var card = new ModelCard(
            settings.ModelVersion,
            Trainer: $"ML.NET FastTree binary ({settings.Trees} trees, {settings.Leaves} leaves, learning rate 0.1, Platt-calibrated)",
            Command: $"dotnet run --project FraudService -- train --seed {settings.Seed} --transactions {settings.Transactions} --customers {settings.Customers} --version {settings.ModelVersion}",
            settings.Seed,
            settings.Customers,
            train.Count,
            test.Count,
            TrainPrevalence: train.Count(t => t.Label) / (double)train.Count,
            TestPrevalence: labels.Count(l => l) / (double)labels.Length,
            Features: ModelFeatures.Names,
            RocAuc: Math.Round(metrics.AreaUnderRocCurve, 6),
            PrAuc: Math.Round(metrics.AreaUnderPrecisionRecallCurve, 6),
            settings.TargetReviewFalsePositiveRate,
            settings.TargetDeclineFalsePositiveRate,
            review,
            decline,
            reference);
        return new TrainingResult(model, trainView.Schema, card);
    }

    /// <summary>
    /// The lowest threshold whose false-positive rate on held-out legitimate transactions stays within the target:
    /// the (1 − target) quantile of their scores, nudged up so that ties do not overshoot.
    /// </summary>
    public static double Threshold(double[] scores, bool[] labels, double targetFalsePositiveRate)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        var legit = scores.Where((_, i) => !labels[i]).OrderDescending().ToArray();
        var allowed = (int)Math.Floor(legit.Length * targetFalsePositiveRate);
        if (allowed >= legit.Length)
        {
            return 0;
        }

        // Flag scores strictly above the (allowed)-th highest legitimate score.
        return Math.BitIncrement(legit[allowed]);
    }

    public static OperatingPoint OperatingPointAt(double threshold, double[] scores, bool[] labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        var matrix = new Monitoring.ConfusionMatrix();
        for (var i = 0; i < scores.Length; i++)
        {
            matrix = matrix.Add(scores[i] >= threshold, labels[i]);
        }

        return new OperatingPoint(threshold, matrix.Precision ?? 0, matrix.Recall ?? 0, matrix.FalsePositiveRate ?? 0, matrix.AlertRate ?? 0);
    }
}
