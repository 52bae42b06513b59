using System.Globalization;
using LlmReference.ChatApi.Llm;
using LlmReference.ModelServer;
using LlmReference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LlmReference.ChatApi.Benchmarks;

/// <summary>
/// The quick mode: real Garnet, the real ModelServer and ChatApi on Kestrel, all in this process (which also runs the
/// load, so the figures are lower than the AppHost's and nothing is exported). For comparing changes in a minute, not
/// for the record: docs/performance.md quotes the AppHost mode.
/// </summary>
internal sealed class InProcessApp : IAsyncDisposable
{
    private readonly GarnetFixture _garnet = new();
    private BenchmarkModelServer? _model;
    private BenchmarkChatApi? _chat;

    public Uri Model => _model!.BaseAddress;

    public Uri ChatApi => _chat!.BaseAddress;

    public async Task StartAsync()
    {
        await _garnet.InitializeAsync();
        _model = new BenchmarkModelServer();
        _chat = new BenchmarkChatApi(_garnet.ConnectionString, _model.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        if (_chat is not null)
        {
            await _chat.DisposeAsync();
        }

        if (_model is not null)
        {
            await _model.DisposeAsync();
        }

        await _garnet.DisposeAsync();
    }

    /// <summary>The real model server on Kestrel, answering at once, with no request quota in the way.</summary>
    private sealed class BenchmarkModelServer : WebApplicationFactory<ModelServerOptions>
    {
        private readonly int _port = GarnetFixture.FreeTcpPort();

        public BenchmarkModelServer()
        {
            UseKestrel(_port);
            StartServer();
        }

        public Uri BaseAddress => new($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in BenchmarkConditions.ModelServer)
            {
                builder.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
            }
        }
    }

    /// <summary>ChatApi on Kestrel, pointed at the model server through service discovery as in the AppHost.</summary>
    private sealed class BenchmarkChatApi : WebApplicationFactory<LlmOptions>
    {
        private readonly int _port = GarnetFixture.FreeTcpPort();
        private readonly string _cache;
        private readonly Uri _model;

        public BenchmarkChatApi(string cache, Uri model)
        {
            _cache = cache;
            _model = model;
            UseKestrel(_port);
            StartServer();
        }

        public Uri BaseAddress => new($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development"); // X-User-Id identity, as under the AppHost
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("ConnectionStrings:cache", _cache);
            builder.UseSetting("ConnectionStrings:model", $"Endpoint={new Uri(_model, "/v1")};Model=bank-assist-large");
            foreach (var (key, value) in BenchmarkConditions.ChatApi)
            {
                builder.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
            }
        }
    }
}
