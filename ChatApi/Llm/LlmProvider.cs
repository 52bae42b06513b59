namespace LlmReference.ChatApi.Llm;

/// <summary>
/// Where completions come from. Every provider is reached through the same OpenAI-compatible client;
/// the provider only picks the default endpoint and whether a key is required.
/// </summary>
public enum LlmProvider
{
    /// <summary>The local model server (<c>http://model/v1</c> through service discovery), no key.</summary>
    Local,

    /// <summary>A local Ollama (<c>http://localhost:11434/v1</c>), no key.</summary>
    Ollama,

    /// <summary>OpenAI (<c>https://api.openai.com/v1</c>), key required.</summary>
    OpenAI,

    /// <summary>Azure OpenAI's v1 API (<c>https://{resource}.openai.azure.com/openai/v1/</c>), endpoint and key required.</summary>
    AzureOpenAI,
}
