using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.SemanticKernel;

namespace LlmReference.ChatApi.Tools;

/// <summary>
/// A short hash of what the model is told about a tool set (plugin, function names, descriptions, parameter schemas,
/// defaults, return description), part of the response-cache key: an answer given with other tools on offer is not
/// reused, and nobody has to remember to bump a version when a tool changes.
/// </summary>
public static class ToolFingerprint
{
    public static string Of(IEnumerable<KernelFunctionMetadata> functions)
    {
        var described = functions
            .OrderBy(f => f.PluginName, StringComparer.Ordinal)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new
            {
                plugin = f.PluginName,
                name = f.Name,
                description = f.Description,
                parameters = f.Parameters.Select(p => new
                {
                    name = p.Name,
                    description = p.Description,
                    required = p.IsRequired,
                    @default = p.DefaultValue?.ToString(),
                    schema = p.Schema?.ToString(),
                }),
                returns = f.ReturnParameter.Description,
                returnSchema = f.ReturnParameter.Schema?.ToString(),
            });
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(described));
        return "tools:" + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}
