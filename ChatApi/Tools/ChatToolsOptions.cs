using System.ComponentModel.DataAnnotations;

namespace LlmReference.ChatApi.Tools;

/// <summary>The tools the model may call during a chat (a Semantic Kernel plugin over FraudService), section <c>Tools</c>.</summary>
public sealed class ChatToolsOptions
{
    public const string SectionName = "Tools";

    /// <summary>Name of the <see cref="IHttpClientFactory"/> client for FraudService (standard resilience, service discovery).</summary>
    public const string FraudHttpClientName = "fraud";

    /// <summary>
    /// FraudService's address as Aspire service discovery resolves it: the logical name <c>fraud</c>, https preferred
    /// over http. The AppHost's <c>WithReference(fraud)</c> supplies the real address as <c>services__fraud__http__0</c>
    /// (and <c>__https__0</c>); outside the AppHost set that variable (or <c>services:fraud:http:0</c>) instead.
    /// </summary>
    public static readonly Uri FraudServiceAddress = new("https+http://fraud");

    /// <summary>Offer the tools to the model. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// FraudService's API key, sent in <c>X-Api-Key</c> on every tool call (<see cref="FraudApiKeyHandler"/>). The
    /// AppHost passes its generated <c>fraud-api-key</c> secret as <c>Tools__FraudApiKey</c>. Required while
    /// <see cref="Enabled"/>: without it every tool call would be refused. Never logged.
    /// </summary>
    public string? FraudApiKey { get; set; }

    /// <summary>How many recent transactions the read-only tool returns. Default: 5.</summary>
    [Range(1, 100)]
    public int RecentTransactionsLimit { get; set; } = 5;
}
