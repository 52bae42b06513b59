using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmReference.LoadGenerator.Reporting;

/// <summary>The report's JSON contract (source-generated: camelCase, indented, nulls omitted).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LoadReport))]
public sealed partial class ReportJson : JsonSerializerContext
{
    public static async Task WriteAsync(LoadReport report, string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, report, Default.LoadReport, cancellationToken).ConfigureAwait(false);
    }
}
