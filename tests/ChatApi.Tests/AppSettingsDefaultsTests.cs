using System.Reflection;
using System.Text.Json;
using LlmReference.ChatApi.Llm;
using LlmReference.ServiceDefaults.Slo;
using LlmReference.Slo.Tests;
using Microsoft.Extensions.Configuration;

namespace LlmReference.ChatApi.Tests;

/// <summary>
/// Each default exists once. A setting's default lives on its options property (documented there); appsettings.json
/// holds only what differs from it (and the price table, which is data), appsettings.Development.json only what
/// differs in development. A line that repeats a default does nothing, and would silently go on doing nothing after
/// the default changes: these tests fail on it.
/// </summary>
public sealed class AppSettingsDefaultsTests
{
    /// <summary>Sections that belong to ASP.NET Core itself rather than an options class of ChatApi or ServiceDefaults.</summary>
    private static readonly string[] FrameworkSections = ["Logging", "AllowedHosts"];

    /// <summary>Every options class bound from a section: the types with a <c>SectionName</c> constant.</summary>
    private static readonly Dictionary<string, Type> OptionsBySection = new[] { typeof(LlmOptions).Assembly, typeof(SloMonitoringOptions).Assembly }
        .SelectMany(a => a.GetTypes())
        .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
        .Where(x => x.Field is { IsLiteral: true } && x.Type.GetConstructor(Type.EmptyTypes) is not null)
        .ToDictionary(x => (string)x.Field!.GetRawConstantValue()!, x => x.Type, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void AppSettingsRepeatsNoDefault()
    {
        AssertNone(Duplicates(Leaves("appsettings.json"), baseline: []), "appsettings.json");
    }

    [Fact]
    public void DevelopmentSettingsRepeatNothing()
    {
        AssertNone(Duplicates(Leaves("appsettings.Development.json"), baseline: Leaves("appsettings.json")), "appsettings.Development.json");
    }

    [Fact]
    public void ARepeatedDefaultIsFound()
    {
        // The rule itself: a line equal to the C# default, or to the base file, is reported; a real change is not.
        Dictionary<string, string?> settings = new()
        {
            ["Chat:MaxMessageLength"] = "4000",
            ["ResponseCache:Semantic:EmbeddingModel"] = "bank-embed-small",
            ["Chat:MaxOutputTokens"] = "512",
            ["Slo:Service"] = "chatapi",
        };
        Assert.Equal(["Chat:MaxMessageLength", "ResponseCache:Semantic:EmbeddingModel"], Duplicates(settings, baseline: []).Select(d => d.Key));
        Assert.Equal(["Slo:Service"], Duplicates(new() { ["Slo:Service"] = "chatapi" }, baseline: settings).Select(d => d.Key));
    }

    [Fact]
    public void ThePriceTableIsConfigurationWithADefault()
    {
        var llm = new ConfigurationBuilder().AddInMemoryCollection(Leaves("appsettings.json")).Build()
            .GetSection(LlmOptions.SectionName).Get<LlmOptions>()!;

        Assert.Empty(new LlmOptions().Prices);
        Assert.Equal(10.00m, llm.Prices["BANK-ASSIST-LARGE"].OutputPerMillionTokens);
        Assert.Equal(0.15m, llm.Prices["bank-assist-small"].InputPerMillionTokens);
    }

    /// <summary>Leaves that change nothing over <paramref name="baseline"/> (and the C# defaults beneath it), with why.</summary>
    private static List<KeyValuePair<string, string>> Duplicates(Dictionary<string, string?> leaves, Dictionary<string, string?> baseline)
    {
        var duplicates = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in leaves)
        {
            if (baseline.TryGetValue(key, out var inherited) && inherited == value)
            {
                duplicates.Add(new(key, $"repeats the base appsettings.json value '{value}'"));
                continue;
            }

            if (FrameworkSections.Any(s => key == s || key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var section = OptionsBySection.Keys
                .Where(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase))
                .MaxBy(s => s.Length);
            if (section is null)
            {
                duplicates.Add(new(key, "belongs to no options class (a typo, or a setting nothing reads)"));
                continue;
            }

            var type = OptionsBySection[section];
            if (Bound(type, section, baseline) == Bound(type, section, new(baseline) { [key] = value }))
            {
                duplicates.Add(new(key, $"'{value}' changes nothing in {type.Name}: it is the default, or no property reads it"));
            }
        }

        return duplicates;
    }

    private static void AssertNone(List<KeyValuePair<string, string>> duplicates, string file) =>
        Assert.True(duplicates.Count == 0, $"ChatApi/{file} lines to remove:\n" + string.Join("\n", duplicates.Select(d => $"{d.Key}: {d.Value}")));

    /// <summary>The options <paramref name="type"/> bound from <paramref name="settings"/>, as JSON to compare.</summary>
    private static string Bound(Type type, string section, Dictionary<string, string?> settings)
    {
        var options = Activator.CreateInstance(type)!;
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(section).Bind(options);
        return JsonSerializer.Serialize(options, type);
    }

    private static Dictionary<string, string?> Leaves(string file) =>
        new ConfigurationBuilder().AddJsonFile(Repository.Path("ChatApi", file), optional: false).Build()
            .AsEnumerable()
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
}
