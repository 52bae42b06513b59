using System.Diagnostics;

namespace LlmReference.ModelServer.Telemetry;

/// <summary>
/// The service's one ActivitySource and Meter name (its application name, which ServiceDefaults subscribes to), and the
/// OpenTelemetry GenAI semantic-convention names it emits.
/// </summary>
internal static class ModelServerTelemetry
{
    public static readonly string Name = typeof(ModelServerTelemetry).Assembly.GetName().Name!;

    public static readonly ActivitySource Source = new(Name);

    /// <summary>Value of <c>gen_ai.provider.name</c>: this server, not a hosted provider.</summary>
    public const string ProviderName = "llmreference.modelserver";

    public static class Operations
    {
        public const string Chat = "chat";
        public const string Embeddings = "embeddings";
    }

    public static class Metrics
    {
        /// <summary>Semconv: GenAI server request duration (time to last byte), seconds.</summary>
        public const string RequestDuration = "gen_ai.server.request.duration";

        /// <summary>Semconv: time to generate the first token of successful responses, seconds.</summary>
        public const string TimeToFirstToken = "gen_ai.server.time_to_first_token";

        /// <summary>Semconv: time per output token after the first, for successful responses, seconds.</summary>
        public const string TimePerOutputToken = "gen_ai.server.time_per_output_token";

        /// <summary>
        /// Tokens processed, by <c>gen_ai.token.type</c>. The conventions define token usage only for clients
        /// (<c>gen_ai.client.token.usage</c>); this is the server-side mirror, with the same unit, buckets and attributes.
        /// </summary>
        public const string TokenUsage = "gen_ai.server.token.usage";

        /// <summary>1 while a fault mode is switched on, 0 otherwise, per <c>fault.mode</c>.</summary>
        public const string FaultActive = "model_server.fault.active";

        /// <summary>Requests a fault actually changed (failed, delayed, stalled), per <c>fault.mode</c>.</summary>
        public const string FaultInjections = "model_server.fault.injections";
    }

    public static class Attributes
    {
        public const string OperationName = "gen_ai.operation.name";
        public const string ProviderName = "gen_ai.provider.name";
        public const string RequestModel = "gen_ai.request.model";
        public const string ResponseModel = "gen_ai.response.model";
        public const string ResponseId = "gen_ai.response.id";
        public const string ResponseFinishReasons = "gen_ai.response.finish_reasons";
        public const string RequestMaxTokens = "gen_ai.request.max_tokens";
        public const string RequestTemperature = "gen_ai.request.temperature";
        public const string RequestSeed = "gen_ai.request.seed";
        public const string RequestStream = "gen_ai.request.stream";
        public const string UsageInputTokens = "gen_ai.usage.input_tokens";
        public const string UsageOutputTokens = "gen_ai.usage.output_tokens";
        public const string TokenType = "gen_ai.token.type";
        public const string ToolName = "gen_ai.tool.name";
        public const string EmbeddingsDimensionCount = "gen_ai.embeddings.dimension.count";
        public const string ErrorType = "error.type";

        /// <summary>Prompt and answer as JSON; only with <c>Llm:CaptureContent</c> on (see <see cref="ContentCapture"/>).</summary>
        public const string InputMessages = "gen_ai.input.messages";
        public const string OutputMessages = "gen_ai.output.messages";
        public const string FaultMode = "fault.mode";

        /// <summary>Which deployment (<c>model</c>, <c>model-fallback</c>) served the request.</summary>
        public const string Deployment = "model_server.deployment";

        /// <summary>The knowledge-base entry an answer came from.</summary>
        public const string KnowledgeEntry = "model_server.knowledge.entry";
    }

    public static class TokenTypes
    {
        public const string Input = "input";
        public const string Output = "output";
    }
}
