// The LlmReference resource graph. Resource names (cache, model, model-fallback, chatapi, fraud, prometheus) are public
// contract: the README, dashboards and end-to-end tests refer to them.
var builder = DistributedApplication.CreateBuilder(args);

// Redis protocol cache: embedded Garnet by default; a Redis container or an existing server by configuration.
var cache = builder.AddCache();

// The LLM: two local OpenAI-compatible deployments by default, or a real provider by configuration.
var llm = builder.AddLlm();

// The one credential every caller of the fraud API sends (X-Api-Key): generated once, stored in user secrets, never printed.
var fraudApiKey = builder.AddParameter("fraud-api-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);

var fraud = builder.AddProject<Projects.FraudService>("fraud")
    .WithConfiguredReplicas()
    .WithCache(cache)
    .WithEnvironment("Fraud__Access__ApiKey", fraudApiKey)
    .WithReadinessReport()
    .WithSimulationCommands(fraudApiKey);

var chatapi = builder.AddProject<Projects.ChatApi>("chatapi")
    .WithConfiguredReplicas()
    .WithCache(cache)
    .WithLlm(llm)
    .WithReference(fraud)
    .WithEnvironment("Tools__FraudApiKey", fraudApiKey)
    // Started, not Healthy: a fraud service that is Degraded (drift, an SLO burn) must not hold a restarting chatapi
    // back, and a fraud tool call that fails is answered as such.
    .WaitForStart(fraud)
    .WithReadinessReport();

// The load generator, idle until its dashboard commands start, spike or stop a run (LoadGenerator/README.md).
builder.AddLoadGenerator(chatapi, fraud, fraudApiKey);

// Prometheus with the SLO burn-rate rules, when its binary is installed (see PrometheusSettings for the switches).
builder.AddPrometheus()
    ?.WithScrapeTarget(chatapi)
    .WithScrapeTarget(fraud)
    .WithScrapeTarget(llm.Primary)
    .WithScrapeTarget(llm.Fallback);

builder.Build().Run();
