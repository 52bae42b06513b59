// LoadGenerator: open-model HTTP load for ChatApi and FraudService, bounded and loopback-only by default.
//   dotnet run --project LoadGenerator -- --scenario mix --rate 5 --duration 60s --report load.json
//   dotnet run --project LoadGenerator -- serve     (the control API the AppHost's "Steady load" commands call)
// See LoadGenerator/README.md. Exit code 0: run completed; 1: usage error; 2: stopped early (Ctrl+C).
using LlmReference.LoadGenerator.Cli;
using LlmReference.LoadGenerator.Control;

if (args is [LoadHost.Verb, .. var hostArgs])
{
    return await LoadHost.RunAsync(hostArgs);
}

return await LoadCommand.Create(CliRunner.RunAsync).Parse(args).InvokeAsync();
