using LlmReference.ChatApi;
using LlmReference.ChatApi.Chat;
using LlmReference.ChatApi.Feedback;
using LlmReference.ChatApi.OpenApi;

var builder = WebApplication.CreateBuilder(args);

// Telemetry, health, service discovery, resilience: shared by every LlmReference service.
builder.AddServiceDefaults();

// Redis-backed sessions, the model client (Semantic Kernel) and the chat orchestration.
builder.AddChatApiServices();

var app = builder.Build();

// Unhandled exceptions and bad requests (malformed JSON, oversized bodies) become problem details.
app.UseExceptionHandler();
app.UseStatusCodePages();

// The chat page (wwwroot/index.html) at GET /.
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapChatApi();
app.MapFeedbackApi();
app.MapApiReference();

app.Run();
