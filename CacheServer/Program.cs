using LlmReference.CacheServer;
using LlmReference.CacheServer.Admin;

// A Redis-protocol cache for machines without a container runtime: Garnet, embedded in a small web app so that Aspire
// can start, health-check and stop it like any other project, and so that chaos experiments can pause it over HTTP.
var builder = WebApplication.CreateBuilder(args);

// Telemetry, health and problem details shared by every service.
builder.AddServiceDefaults();

// Options, the Garnet server (persistent by default), pause/resume/flush and metrics.
builder.AddCacheServer();

var app = builder.Build();

app.MapDefaultEndpoints();

// Chaos controls: pause, resume, flush, state (needs CacheServer:AdminKey).
app.MapCacheAdminApi();

app.Run();
