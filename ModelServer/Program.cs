using LlmReference.ModelServer;
using LlmReference.ModelServer.Admin;
using LlmReference.ModelServer.Completions;
using LlmReference.ModelServer.Embeddings;
using LlmReference.ModelServer.Models;
using LlmReference.ModelServer.Wire;

var builder = WebApplication.CreateBuilder(args);

// Telemetry, health, service discovery and resilience shared by every service.
builder.AddServiceDefaults();

// Options, tokenizer, knowledge base, rate limits, faults and metrics.
builder.AddModelServer();

var app = builder.Build();

app.MapDefaultEndpoints();

// The OpenAI-compatible API.
var v1 = app.MapOpenAIGroup();
v1.MapModelsApi();
v1.MapChatCompletionsApi();
v1.MapEmbeddingsApi();

// Run-time fault injection and the recent-request journal (needs ModelServer:AdminKey).
app.MapAdminApi();

app.Run();
