using System.Text.Json;
using LlmReference.FraudService.Monitoring;
using LlmReference.FraudService.Scoring;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace LlmReference.FraudService.Training;

/// <summary>
/// The trained ML.NET model behind <see cref="IFraudModel"/>. A <c>PredictionEngine</c> is not thread-safe and costly
/// to create, so engines (each with its own input and output buffers) are pooled and reused: no per-request creation,
/// no per-request buffers. Reason codes are the model's feature contributions.
/// </summary>
public sealed class TrainedModel : IFraudModel
{
    /// <summary>Smallest contribution (in the trees' raw margin) reported as a reason.</summary>
    public const double MinReasonContribution = 0.05;

    private readonly ObjectPool<Scorer> _pool;

    public TrainedModel(ITransformer model, DataViewSchema inputSchema, ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        Card = card;
        var ml = new MLContext();
        _pool = new DefaultObjectPool<Scorer>(new ScorerPolicy(ml, model, inputSchema), Environment.ProcessorCount * 2);
        Thresholds = new ModelThresholds(card.Review.Threshold, card.Decline.Threshold);
    }

    public ModelCard Card { get; }

    public string Version => Card.ModelVersion;

    public ModelThresholds Thresholds { get; }

    public ReferenceProfile? Reference => Card.Reference;

    /// <summary>Loads <c>{directory}/{version}.zip</c> and its card <c>{directory}/{version}.model-card.json</c>.</summary>
    public static TrainedModel Load(string directory, string version)
    {
        var modelPath = Path.Combine(directory, version + ".zip");
        var cardPath = Path.Combine(directory, version + ".model-card.json");
        if (!File.Exists(modelPath) || !File.Exists(cardPath))
        {
            throw new FileNotFoundException(
                $"Trained model '{version}' not found: expected {modelPath} and {cardPath}. Train it (dotnet run --project FraudService -- train) or set Fraud:Model:Kind to 'rules'.");
        }

        var card = JsonSerializer.Deserialize<ModelCard>(File.ReadAllBytes(cardPath), FraudJson.Options)
            ?? throw new InvalidDataException($"{cardPath} is empty.");
        if (card.ModelVersion != version)
        {
            throw new InvalidDataException($"{cardPath} describes model '{card.ModelVersion}', not '{version}'.");
        }

        var ml = new MLContext();
        var model = ml.Model.Load(modelPath, out var schema);
        return new TrainedModel(model, schema, card);
    }

    public FraudPrediction Predict(TransactionFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var scorer = _pool.Get();
        try
        {
            ModelFeatures.Fill(features, scorer.Input.Features);
            scorer.Engine.Predict(scorer.Input, ref scorer.Output);
            return new FraudPrediction(scorer.Output.Probability, Reasons(scorer.Output.FeatureContributions, features));
        }
        finally
        {
            _pool.Return(scorer);
        }
    }

    private static ReasonCode[] Reasons(float[] contributions, TransactionFeatures features)
    {
        var reasons = new List<ReasonCode>(contributions.Length);
        for (var slot = 0; slot < contributions.Length; slot++)
        {
            if (!IsReason(slot))
            {
                continue;
            }

            // Two slots can read the same feature (hourOfDay and isNight are both the hour): one reason per feature, so
            // an answer does not say "Unusual time of day; Made at night". It carries their joint contribution and the
            // wording of the slot that contributed most.
            var reason = ModelFeatures.Reason(slot, contributions[slot], features);
            var same = reasons.FindIndex(r => r.Feature == reason.Feature);
            if (same < 0)
            {
                reasons.Add(reason);
            }
            else
            {
                var total = reasons[same].Contribution + reason.Contribution;
                reasons[same] = (reason.Contribution > reasons[same].Contribution ? reason : reasons[same]) with { Contribution = total };
            }
        }

        reasons.Sort(static (a, b) => b.Contribution.CompareTo(a.Contribution));
        return [.. reasons];

        // Trees can credit a feature in its benign state (no recent transactions, card present); a reason shown to a
        // customer or analyst must be true of the transaction, so only risky states are named.
        bool IsReason(int slot) => contributions[slot] >= MinReasonContribution && ModelFeatures.IsRisky(slot, features);
    }

    private sealed class Scorer(PredictionEngine<ModelInput, ModelOutput> engine)
    {
        public PredictionEngine<ModelInput, ModelOutput> Engine { get; } = engine;

        public ModelInput Input { get; } = new();

#pragma warning disable CA1051 // passed by ref to PredictionEngine.Predict so that its buffers are reused
        public ModelOutput Output = new();
#pragma warning restore CA1051
    }

    private sealed class ScorerPolicy(MLContext ml, ITransformer model, DataViewSchema schema) : PooledObjectPolicy<Scorer>
    {
        public override Scorer Create() => new(ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model, inputSchema: schema));

        public override bool Return(Scorer obj) => true;
    }
}
