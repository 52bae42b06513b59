using System.ClientModel;
using System.ClientModel.Primitives;
using System.Security.Cryptography;
using System.Text.Json;
using LlmReference.ChatApi.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using StackExchange.Redis;

namespace LlmReference.ChatApi.Caching;

/// <summary>
/// The semantic cache: questions are embedded by the model server's <c>/v1/embeddings</c> (Microsoft.Extensions.AI over
/// the OpenAI client, on a factory <see cref="HttpClient"/> with service discovery); each cache scope keeps its newest
/// <see cref="SemanticCacheOptions.MaxCandidates"/> entries in one Redis list, scanned by cosine similarity. An
/// embedding or Redis failure is a miss, never a failed chat: the cache is an optimisation.
/// </summary>
public sealed class SemanticCache(
    IConnectionMultiplexer redis,
    IHttpClientFactory httpClients,
    IOptionsMonitor<SemanticCacheOptions> options,
    IOptionsMonitor<ResponseCacheOptions> cacheOptions,
    IOptions<LlmOptions> llmOptions,
    ChatApiMetrics metrics,
    TimeProvider time,
    ILogger<SemanticCache> logger)
{
    public const string KeyPrefix = "chat:semcache:";

    public bool Enabled => cacheOptions.CurrentValue.Enabled && options.CurrentValue.Enabled;

    /// <summary>The Redis list of one scope: everything in the exact key except the message.</summary>
    public static string ScopeKey(string model, string systemPrompt, int maxOutputTokens, string toolFingerprint) =>
        KeyPrefix + Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(
            new[] { "v1", model, systemPrompt, maxOutputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), toolFingerprint })));

    /// <summary>The message's embedding, or null when the embedding call failed.</summary>
    public async Task<float[]?> EmbedAsync(string message, CancellationToken cancellationToken)
    {
        try
        {
            using var generator = CreateGenerator();
            var embedding = await generator.GenerateAsync(message, cancellationToken: cancellationToken);
            return embedding.Vector.ToArray();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong (HTTP error, timeout, open breaker, unexpected payload), the answer is a miss.
            Log.EmbeddingFailed(logger, options.CurrentValue.EmbeddingModel, ex);
            return null;
        }
    }

    /// <summary>The closest stored answer at or above the threshold; records the lookup and its best similarity.</summary>
    public async Task<SemanticCacheHit?> GetAsync(string scopeKey, float[] vector, string requestModel)
    {
        var settings = options.CurrentValue;
        RedisValue[] values;
        try
        {
            values = await redis.GetDatabase().ListRangeAsync(scopeKey, 0, settings.MaxCandidates - 1);
        }
        catch (RedisException ex)
        {
            Log.LookupFailed(logger, ex);
            return null;
        }

        var oldest = time.GetUtcNow() - cacheOptions.CurrentValue.Ttl;
        SemanticCacheEntry? best = null;
        var bestSimilarity = double.NegativeInfinity;
        foreach (var value in values)
        {
            var entry = Parse(value);
            if (entry is not { Vector: not null, Answer: not null } || entry.StoredAt < oldest || entry.Vector.Length != vector.Length * sizeof(float))
            {
                continue;
            }

            var similarity = CosineSimilarity(vector, entry.AsFloats());
            if (similarity > bestSimilarity)
            {
                (best, bestSimilarity) = (entry, similarity);
            }
        }

        var hit = best is not null && bestSimilarity >= settings.SimilarityThreshold;
        metrics.RecordSemanticLookup(hit, best is null ? null : bestSimilarity, requestModel);
        return hit ? new SemanticCacheHit(best!.Answer, bestSimilarity) : null;
    }

    /// <summary>Adds an answer to the scope, keeping only the newest <see cref="SemanticCacheOptions.MaxCandidates"/>.</summary>
    public async Task SetAsync(string scopeKey, float[] vector, CachedAnswer answer)
    {
        try
        {
            var db = redis.GetDatabase();
            var entry = JsonSerializer.Serialize(SemanticCacheEntry.Create(vector, answer, time.GetUtcNow()));
            var transaction = db.CreateTransaction();
            _ = transaction.ListLeftPushAsync(scopeKey, entry);
            _ = transaction.ListTrimAsync(scopeKey, 0, options.CurrentValue.MaxCandidates - 1);
            _ = transaction.KeyExpireAsync(scopeKey, cacheOptions.CurrentValue.Ttl);
            await transaction.ExecuteAsync();
        }
        catch (Exception ex)
        {
            // The answer is already given and stored in the session: a cache write must not turn it into an error.
            Log.StoreFailed(logger, ex);
        }
    }

    /// <summary>An entry, or null for one this version cannot read (skipped, and trimmed away as newer entries arrive).</summary>
    private static SemanticCacheEntry? Parse(RedisValue value)
    {
        try
        {
            return JsonSerializer.Deserialize<SemanticCacheEntry>(value.ToString());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static double CosineSimilarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }

        return normA == 0 || normB == 0 ? 0 : dot / Math.Sqrt(normA * normB);
    }

    private IEmbeddingGenerator<string, Embedding<float>> CreateGenerator()
    {
        // Embeddings come from the primary deployment.
        var primary = llmOptions.Value.ResolveDeployments()[0];
        var client = new OpenAIClient(
            new ApiKeyCredential(string.IsNullOrEmpty(primary.ApiKey) ? "no-key" : primary.ApiKey),
            new OpenAIClientOptions
            {
                Endpoint = primary.Endpoint,
                Transport = new HttpClientPipelineTransport(httpClients.CreateClient(SemanticCacheOptions.HttpClientName)),
                // The factory client's resilience handler retries; the SDK's own retries would multiply them.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            });
        return client.GetEmbeddingClient(options.CurrentValue.EmbeddingModel).AsIEmbeddingGenerator();
    }
}
