using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

/// <summary>
/// One model deployment ChatApi calls: the name of its connection string (also its name in replies and telemetry),
/// the connection string (<c>Endpoint=…;Key=…;Model=…</c>, as Aspire's OpenAI integrations use), and the local model
/// server behind it, if the AppHost started one.
/// </summary>
public sealed record LlmDeployment(string Name, ReferenceExpression ConnectionString, IResourceBuilder<ProjectResource>? Server);

/// <summary>The deployments ChatApi receives, in the order it tries them.</summary>
public sealed record LlmResources(IReadOnlyList<LlmDeployment> Deployments, bool CaptureContent)
{
    /// <summary>The local primary model server (<c>model</c>), or null with a real provider.</summary>
    public IResourceBuilder<ProjectResource>? Primary => Deployments[0].Server;

    /// <summary>The local fallback model server (<c>model-fallback</c>), or null with a real provider.</summary>
    public IResourceBuilder<ProjectResource>? Fallback => Deployments.Count > 1 ? Deployments[1].Server : null;
}

public static class LlmExtensions
{
    public const string PrimaryName = "model";
    public const string FallbackName = "model-fallback";
    public const string PrimaryModel = "bank-assist-large";
    public const string FallbackModel = "bank-assist-small";

    /// <summary>
    /// Adds the LLM: by default two deployments of the local OpenAI-compatible <c>ModelServer</c>, with dashboard
    /// commands that inject faults. When AppHost configuration has a connection string <c>ConnectionStrings:model</c>
    /// (user secrets or the <c>ConnectionStrings__model</c> environment variable, e.g.
    /// <c>Endpoint=https://api.openai.com/v1;Key=…;Model=gpt-4o-mini</c>), ChatApi calls that provider instead, with
    /// <c>ConnectionStrings:model-fallback</c> as its fallback if that is set too, and no local model server starts.
    /// </summary>
    public static LlmResources AddLlm(this IDistributedApplicationBuilder builder)
    {
        var config = builder.Configuration;
        // Prompt and completion text in telemetry: on for local development (the dashboard's GenAI view shows it),
        // off anywhere else unless configured.
        var captureContent = config.GetValue("Llm:CaptureContent", builder.Environment.IsDevelopment());

        if (!string.IsNullOrWhiteSpace(config.GetConnectionString(PrimaryName)))
        {
            // A real provider: the connection strings are secret parameters, shown masked in the dashboard.
            List<LlmDeployment> real = [Connection(builder, PrimaryName)];
            if (!string.IsNullOrWhiteSpace(config.GetConnectionString(FallbackName)))
            {
                real.Add(Connection(builder, FallbackName));
            }

            return new LlmResources(real, captureContent);
        }

        if (!string.IsNullOrWhiteSpace(config.GetConnectionString(FallbackName)))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{FallbackName} is set but ConnectionStrings:{PrimaryName} is not: a provider's fallback needs a primary. " +
                $"Set ConnectionStrings:{PrimaryName} too, or remove both to use the local model servers.");
        }

        // One generated admin key for both deployments' /admin API (fault injection); never printed.
        var adminKey = builder.AddParameter(
            "model-admin-key",
            new GenerateParameterDefault { MinLength = 32, Special = false },
            secret: true);

        // Each deployment has its own launch profile so their fixed local ports do not collide.
        var primary = builder.AddModelServer(PrimaryName, PrimaryModel, "http", adminKey, captureContent);
        var fallback = builder.AddModelServer(FallbackName, FallbackModel, "http-fallback", adminKey, captureContent);
        return new LlmResources([Local(primary, PrimaryModel), Local(fallback, FallbackModel)], captureContent);
    }

    private static LlmDeployment Connection(IDistributedApplicationBuilder builder, string name) =>
        new(name, builder.AddConnectionString(name).Resource.ConnectionStringExpression, Server: null);

    /// <summary>A local model server's connection string: its allocated http endpoint with the <c>/v1</c> API root, no key.</summary>
    private static LlmDeployment Local(IResourceBuilder<ProjectResource> server, string model)
    {
        var endpoint = server.GetEndpoint("http");
        return new LlmDeployment(server.Resource.Name, ReferenceExpression.Create($"Endpoint={endpoint}/v1;Model={model}"), server);
    }

    private static IResourceBuilder<ProjectResource> AddModelServer(
        this IDistributedApplicationBuilder builder,
        string name,
        string model,
        string launchProfile,
        IResourceBuilder<ParameterResource> adminKey,
        bool captureContent) =>
        builder.AddProject<Projects.ModelServer>(name, launchProfile)
            .WithEnvironment("ModelServer__Deployment", name)
            .WithEnvironment("ModelServer__Model", model)
            .WithEnvironment("ModelServer__AdminKey", adminKey)
            .WithEnvironment("Llm__CaptureContent", captureContent.ToString())
            .WithHttpHealthCheck("/health")
            .WithServiceDefaultsProbes()
            .WithFaultCommands(adminKey);

    /// <summary>
    /// Points a service (ChatApi) at the LLM the AppHost chose: one connection string per deployment
    /// (<c>ConnectionStrings__model</c>, <c>ConnectionStrings__model-fallback</c>) and their order
    /// (<c>Llm__Deployments__0</c>, <c>__1</c>), so the service knows no endpoint, port or model of its own.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLlm(this IResourceBuilder<ProjectResource> resource, LlmResources llm)
    {
        resource.WithEnvironment("Llm__CaptureContent", llm.CaptureContent.ToString());

        for (var i = 0; i < llm.Deployments.Count; i++)
        {
            var deployment = llm.Deployments[i];
            resource
                .WithEnvironment($"ConnectionStrings__{deployment.Name}", deployment.ConnectionString)
                .WithEnvironment($"Llm__Deployments__{i}", deployment.Name)
                // Shown as a reference in the dashboard, as WithReference would.
                .WithReferenceRelationship(deployment.ConnectionString);
        }

        // The primary must answer before ChatApi serves; fallbacks are not awaited: the primary alone can serve.
        if (llm.Primary is not null)
        {
            resource.WaitFor(llm.Primary);
        }

        return resource;
    }
}
