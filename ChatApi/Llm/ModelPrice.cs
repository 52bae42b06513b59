namespace LlmReference.ChatApi.Llm;

/// <summary>
/// List price of a model in USD per million tokens, for the <c>llm.cost</c> estimate (<c>Llm:Prices:{model}</c>;
/// <see cref="LlmOptionsValidator"/> refuses negative prices at start).
/// </summary>
public sealed class ModelPrice
{
    public decimal InputPerMillionTokens { get; set; }

    public decimal OutputPerMillionTokens { get; set; }

    /// <summary>Estimated cost of one call in USD.</summary>
    public double CostOf(int inputTokens, int outputTokens) =>
        (double)((inputTokens * InputPerMillionTokens + outputTokens * OutputPerMillionTokens) / 1_000_000m);
}
