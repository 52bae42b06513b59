namespace LlmReference.ServiceDefaults.Tests;

/// <summary>
/// Test classes whose tracer providers listen to the Redis source: ActivitySources and an activity's trace flags are
/// process-wide, so one class's processors would act on the other's spans if they ran in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisSourceCollection
{
    public const string Name = "Redis source";
}
