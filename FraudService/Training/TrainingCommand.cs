using System.Globalization;
using System.Text.Json;

namespace LlmReference.FraudService.Training;

/// <summary>
/// <c>dotnet run --project FraudService -- train [--seed 42] [--transactions 200000] [--customers 5000] [--version fasttree-v1] [--output Model]</c>:
/// trains the model on seeded simulated traffic and writes <c>{version}.zip</c> and <c>{version}.model-card.json</c>.
/// </summary>
public static class TrainingCommand
{
    public const string Verb = "train";

    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var settings = new TrainingSettings();
        // dotnet run starts in the project folder, so this is FraudService/Model, where the service loads it from.
        var directory = "Model";
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--seed": settings = settings with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--transactions": settings = settings with { Transactions = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--customers": settings = settings with { Customers = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--version": settings = settings with { ModelVersion = Next() }; break;
                case "--output": directory = Next(); break;
                default:
                    output.WriteLine($"Unknown argument '{args[i]}'. Usage: train [--seed N] [--transactions N] [--customers N] [--version NAME] [--output DIR]");
                    return 2;
            }
        }

        output.WriteLine($"Training {settings.ModelVersion} on {settings.Transactions} simulated transactions (seed {settings.Seed}) ...");
        var result = FraudModelTrainer.Train(settings);
        Save(result, directory);
        var c = result.Card;
        output.WriteLine($"ROC-AUC {c.RocAuc:F4}, PR-AUC {c.PrAuc:F4} on {c.TestCount} held-out transactions.");
        output.WriteLine($"review  ≥ {c.Review.Threshold:F4}: precision {c.Review.Precision:F3}, recall {c.Review.Recall:F3}, FPR {c.Review.FalsePositiveRate:F4}");
        output.WriteLine($"decline ≥ {c.Decline.Threshold:F4}: precision {c.Decline.Precision:F3}, recall {c.Decline.Recall:F3}, FPR {c.Decline.FalsePositiveRate:F4}");
        output.WriteLine($"Wrote {Path.GetFullPath(Path.Combine(directory, settings.ModelVersion))}.zip and .model-card.json");
        return 0;
    }

    public static void Save(TrainingResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        System.IO.Directory.CreateDirectory(directory);
        var ml = new Microsoft.ML.MLContext();
        ml.Model.Save(result.Model, result.InputSchema, Path.Combine(directory, result.Card.ModelVersion + ".zip"));
        var json = JsonSerializer.Serialize(result.Card, new JsonSerializerOptions(FraudJson.Options) { WriteIndented = true });
        File.WriteAllText(Path.Combine(directory, result.Card.ModelVersion + ".model-card.json"), json + Environment.NewLine);
    }
}
