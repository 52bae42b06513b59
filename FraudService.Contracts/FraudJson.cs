using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmReference.FraudService.Contracts;

/// <summary>JSON settings shared by the HTTP API and the stored records, so both spell everything the same way.</summary>
public static class FraudJson
{
    /// <summary>Enums as lower-case strings (<c>approve</c>, <c>review</c>, <c>decline</c>).</summary>
    public static readonly JsonStringEnumConverter EnumConverter = new(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);

    /// <summary>For stored records: web defaults (camelCase) plus <see cref="EnumConverter"/>.</summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(EnumConverter);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
