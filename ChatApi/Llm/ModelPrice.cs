using System.ComponentModel.DataAnnotations;

namespace LlmReference.ChatApi.Llm;

/// <summary>List price of a model in USD per million tokens, for the <c>llm.cost</c> estimate.</summary>
public sealed class ModelPrice
{
    [Range(0, 100_000)]
    public decimal InputPerMillionTokens { get; set; }

    [Range(0, 100_000)]
    public decimal OutputPerMillionTokens { get; set; }

    /// <summary>Estimated cost of one call in USD.</summary>
    public double CostOf(int inputTokens, int outputTokens) =>
        (double)((inputTokens * InputPerMillionTokens + outputTokens * OutputPerMillionTokens) / 1_000_000m);
}
