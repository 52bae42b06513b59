namespace LlmReference.FraudService.Contracts;

/// <summary>How a caller presents FraudService's API key: the header every <c>/api/fraud</c> request must carry.</summary>
public static class FraudApiKey
{
    /// <summary>The request header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";
}
