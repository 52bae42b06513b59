using System.ComponentModel.DataAnnotations;

namespace LlmReference.ChatApi.Tools;

/// <summary>The tools the model may call during a chat (a Semantic Kernel plugin over FraudService), section <c>Tools</c>.</summary>
public sealed class ChatToolsOptions
{
    public const string SectionName = "Tools";

    /// <summary>Name of the <see cref="IHttpClientFactory"/> client for FraudService (standard resilience, service discovery).</summary>
    public const string FraudHttpClientName = "fraud";

    /// <summary>Offer the tools to the model. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>FraudService base address. Default: <c>http://fraud</c> (the AppHost's <c>fraud</c> resource via service discovery).</summary>
    [Required]
    public Uri FraudServiceUrl { get; set; } = new("http://fraud");

    /// <summary>How many recent transactions the read-only tool returns. Default: 5.</summary>
    [Range(1, 100)]
    public int RecentTransactionsLimit { get; set; } = 5;
}
