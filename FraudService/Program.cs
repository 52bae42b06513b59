using LlmReference.FraudService;
using LlmReference.FraudService.Labels;
using LlmReference.FraudService.Monitoring;
using LlmReference.FraudService.Scoring;
using LlmReference.FraudService.Simulation;
using LlmReference.FraudService.Training;
using LlmReference.FraudService.Transactions;

// `dotnet run --project FraudService -- train ...` trains the model instead of serving (see Training/TrainingCommand.cs).
if (args is [TrainingCommand.Verb, .. var trainArgs])
{
    return TrainingCommand.Run(trainArgs, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddFraudServices();

var app = builder.Build();

// Problem details for bad requests and an unreachable cache (exception handlers) and for bare statuses (404, 405, 413).
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapScoringApi();
app.MapTransactionsApi();
app.MapLabelsApi();
app.MapMonitoringApi();
app.MapSimulationApi(); // only when Fraud:Simulation:Enabled

app.Run();
return 0;

/// <summary>Entry point; public so that tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
