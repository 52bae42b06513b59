using Microsoft.Extensions.AI;

namespace LlmReference.ChatApi.Llm;

/// <summary>One deployment and the client that calls it (its OpenAI client under its own OpenTelemetry stage).</summary>
public sealed record DeploymentChatClient(LlmDeployment Deployment, IChatClient Client);
