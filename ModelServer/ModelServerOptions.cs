using System.ComponentModel.DataAnnotations;
using LlmReference.ModelServer.Models;

namespace LlmReference.ModelServer;

/// <summary>
/// Configuration of one model-server deployment (section <c>ModelServer</c>). The AppHost runs the same project twice
/// (<c>model</c> and <c>model-fallback</c>) and tells each which model it serves through these keys.
/// </summary>
public sealed class ModelServerOptions
{
    public const string SectionName = "ModelServer";

    /// <summary>Deployment name shown in telemetry and logs (<c>model</c> or <c>model-fallback</c>). Default <c>model</c>.</summary>
    [Required]
    public string Deployment { get; set; } = "model";

    /// <summary>The chat model this deployment serves; must have a profile in <see cref="Models"/>. Default <c>bank-assist-large</c>.</summary>
    [Required]
    public string Model { get; set; } = "bank-assist-large";

    /// <summary>The embedding model this deployment serves next to <see cref="Model"/>. Default <c>bank-embed-small</c>.</summary>
    [Required]
    public string EmbeddingModel { get; set; } = "bank-embed-small";

    /// <summary>Dimension of the vectors <c>/v1/embeddings</c> returns (a request may ask for fewer). Default 256.</summary>
    [Range(8, 4096)]
    public int EmbeddingDimensions { get; set; } = 256;

    /// <summary>Most inputs one embeddings request may carry. Default 256.</summary>
    [Range(1, 2048)]
    public int MaxEmbeddingInputs { get; set; } = 256;

    /// <summary>Key for the <c>/admin</c> API, sent as <c>X-Admin-Key</c>. Empty (the default) disables the admin API (403).</summary>
    public string AdminKey { get; set; } = "";

    /// <summary>When set, <c>/v1/*</c> requires <c>Authorization: Bearer &lt;key&gt;</c>. Empty (the default) accepts any or an empty bearer.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Seed for answer phrasing; a request's own <c>seed</c> wins. Same seed and same input give the same answer. Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>How many recent <c>/v1</c> requests <c>GET /admin/requests</c> keeps. Default 200.</summary>
    [Range(1, 10_000)]
    public int RecentRequestCapacity { get; set; } = 200;

    /// <summary>Largest request body accepted on <c>/v1</c>, in bytes (413 above). Default 1 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most messages one chat request may carry. Default 512.</summary>
    [Range(1, 100_000)]
    public int MaxMessages { get; set; } = 512;

    /// <summary>Most tools one chat request may offer (OpenAI allows 128). Default 128.</summary>
    [Range(0, 1024)]
    public int MaxTools { get; set; } = 128;

    /// <summary>Built-in per-model profiles (latency, context window, limits), keyed by model name; see appsettings.json.</summary>
    public Dictionary<string, ModelProfile> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The profile of the served chat model (validated at start to exist).</summary>
    public ModelProfile GetServedProfile() => Models[Model];
}
