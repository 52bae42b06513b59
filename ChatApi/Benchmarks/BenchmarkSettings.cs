using System.Globalization;

namespace LlmReference.ChatApi.Benchmarks;

/// <summary>
/// What one run measures. With <see cref="ChatApi"/> and <see cref="Model"/> the targets are already running (the
/// AppHost, started by <c>scripts/perf.sh</c>); without them the benchmark hosts Garnet, ModelServer and ChatApi in
/// its own process (quick, no AppHost, no telemetry export). <see cref="Gateway"/> is optional in both.
/// </summary>
internal sealed record BenchmarkSettings(
    Uri? ChatApi,
    Uri? Model,
    Uri? Gateway,
    TimeSpan Duration,
    TimeSpan WarmUp,
    int Repetitions,
    IReadOnlyList<int> Concurrency,
    string? MarkdownOut,
    bool PrintEnvironment,
    IReadOnlySet<string>? Only = null)
{
    public const string Usage = """
        ChatApi against a direct ModelServer call (and an OpenAI-compatible gateway), closed loop, fixed duration per point.

          dotnet run -c Release --project ChatApi/Benchmarks -- [options]

          --chatapi URL        a running ChatApi (e.g. http://localhost:5280); with --model, no in-process hosts
          --model URL          the ModelServer that ChatApi calls (e.g. http://localhost:5180)
          --gateway URL        an OpenAI-compatible gateway in front of --model (Portkey: http://127.0.0.1:8787)
          --duration SECONDS   per target, concurrency and repetition (default 15)
          --warmup SECONDS     per target before measuring (default 5)
          --repetitions N      default 2
          --concurrency LIST   default 1,16
          --markdown FILE      also write the tables there
          --only LIST          measure only these of direct,gateway,chatapi (e.g. chatapi while a profiler watches it)
          --print-environment  print the conditions as NAME=value lines (for the AppHost's environment) and exit
        """;

    public bool InProcess => ChatApi is null;

    public static BenchmarkSettings Parse(string[] args)
    {
        Uri? chat = null, model = null, gateway = null;
        double duration = 15, warmUp = 5;
        var repetitions = 2;
        IReadOnlyList<int> concurrency = [1, 16];
        string? markdown = null;
        var printEnvironment = false;
        HashSet<string>? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n\n{Usage}");
            switch (args[i])
            {
                case "--chatapi": chat = new Uri(Next()); break;
                case "--model": model = new Uri(Next()); break;
                case "--gateway": gateway = new Uri(Next()); break;
                case "--duration": duration = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": warmUp = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--repetitions": repetitions = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = [.. Next().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))]; break;
                case "--markdown": markdown = Next(); break;
                case "--print-environment": printEnvironment = true; break;
                case "--only": only = [.. Next().Split(',')]; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.\n\n{Usage}");
            }
        }

        if ((chat is null) != (model is null))
        {
            throw new ArgumentException($"--chatapi and --model go together (or neither, for the in-process mode).\n\n{Usage}");
        }

        if (duration <= 0 || repetitions < 1 || concurrency.Count == 0 || concurrency.Any(c => c < 1))
        {
            throw new ArgumentException($"--duration, --repetitions and --concurrency must be positive.\n\n{Usage}");
        }

        return new BenchmarkSettings(chat, model, gateway, TimeSpan.FromSeconds(duration), TimeSpan.FromSeconds(warmUp), repetitions, concurrency, markdown, printEnvironment, only);
    }
}
