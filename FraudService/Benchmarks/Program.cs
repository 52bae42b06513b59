using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using LlmReference.FraudService.Benchmarks;

// One core: the figures are per core, as the issue asks (scores/second/core = 1 s / mean).
var config = DefaultConfig.Instance.AddJob(Job.Default.WithAffinity(1).WithId("1 core"));
BenchmarkSwitcher.FromAssembly(typeof(ScoringBenchmarks).Assembly).Run(args, config);
