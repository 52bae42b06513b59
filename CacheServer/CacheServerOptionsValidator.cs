using Microsoft.Extensions.Options;

namespace LlmReference.CacheServer;

/// <summary>Cross-field rules data annotations cannot express.</summary>
internal sealed class CacheServerOptionsValidator : IValidateOptions<CacheServerOptions>
{
    public ValidateOptionsResult Validate(string? name, CacheServerOptions options)
    {
        var failures = new List<string>();
        if (options.Persistence && string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("CacheServer:DataDirectory is required when CacheServer:Persistence is on (the AppHost passes Cache:DataDirectory as CacheServer__DataDirectory). Set it, or set CacheServer:Persistence=false for a memory-only cache.");
        }

        if (options.DefaultPauseSeconds > options.MaxPauseSeconds)
        {
            failures.Add($"CacheServer:DefaultPauseSeconds ({options.DefaultPauseSeconds}) must not exceed CacheServer:MaxPauseSeconds ({options.MaxPauseSeconds}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
