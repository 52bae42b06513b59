using System.ClientModel;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace LlmReference.ModelServer.Tests;

/// <summary>
/// The model server on a real Kestrel port, so that the official OpenAI client, Semantic Kernel and Microsoft.Extensions.AI
/// talk to it over real HTTP. Latency is off and limits are high unless a derived factory says otherwise.
/// </summary>
public class ModelServerFactory : WebApplicationFactory<ModelServerOptions>
{
    public const string AdminKey = "test-admin-key";
    public const string LargeModel = "bank-assist-large";
    public const string EmbeddingModel = "bank-embed-small";

    private readonly Dictionary<string, string?> _settings = new()
    {
        ["ModelServer:Deployment"] = "model",
        ["ModelServer:Model"] = LargeModel,
        ["ModelServer:AdminKey"] = AdminKey,
        [$"ModelServer:Models:{LargeModel}:TimeToFirstTokenMs"] = "0",
        [$"ModelServer:Models:{LargeModel}:TimeToFirstTokenJitterMs"] = "0",
        [$"ModelServer:Models:{LargeModel}:TokensPerSecond"] = "0",
        [$"ModelServer:Models:{LargeModel}:RequestsPerMinute"] = "1000000",
        [$"ModelServer:Models:{LargeModel}:TokensPerMinute"] = "100000000",
    };

    private Uri? _baseUri;

    public ModelServerFactory() => UseKestrel(0);

    protected ModelServerFactory(IReadOnlyDictionary<string, string?> overrides) : this()
    {
        foreach (var (key, value) in overrides)
        {
            _settings[key] = value;
        }
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>; starts the server on first use.</summary>
    public Uri BaseUri
    {
        get
        {
            if (_baseUri is null)
            {
                StartServer();
                var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                var uri = new UriBuilder(address);
                if (uri.Host is "[::]" or "0.0.0.0" or "+" or "*")
                {
                    uri.Host = "127.0.0.1";
                }

                _baseUri = uri.Uri;
            }

            return _baseUri;
        }
    }

    /// <summary>The OpenAI endpoint clients are given (with <c>/v1</c>).</summary>
    public Uri V1 => new(BaseUri, "/v1");

    public OpenAIClientOptions OpenAIOptions() => new() { Endpoint = V1, RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) };

    public ChatClient CreateChatClient(string model = LargeModel, string apiKey = "unused") =>
        new(model, new ApiKeyCredential(apiKey), OpenAIOptions());

    public EmbeddingClient CreateEmbeddingClient(string model = EmbeddingModel) =>
        new(model, new ApiKeyCredential("unused"), OpenAIOptions());

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };

    public HttpClient CreateAdminClient()
    {
        var client = CreateHttpClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));

        // Logs go to a FakeLogCollector too (factory.Services.GetFakeLogCollector()), so tests can assert on them.
        builder.ConfigureServices(services => services.AddFakeLogging());
    }
}
