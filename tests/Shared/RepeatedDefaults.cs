using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace LlmReference.Tests.Shared;

/// <summary>
/// Finds the lines of a service's appsettings files that repeat a default. A setting's default lives on its options
/// property (documented there); a line in appsettings.json that sets the same value does nothing, and would silently go
/// on doing nothing after the default changes. A line is reported when binding it changes nothing in the options class
/// its section belongs to (the C# default, or a property nobody reads), when it belongs to no options class, or, in an
/// environment file, when it repeats the base file: in short, when removing it would change nothing. Entries of a
/// dictionary (a price table, model profiles) count too: a value an entry shares with the type's default is left out.
/// Options classes are the types with a <c>SectionName</c> constant.
/// </summary>
internal static class RepeatedDefaults
{
    /// <summary>Sections that belong to ASP.NET Core itself rather than an options class of the service.</summary>
    private static readonly string[] FrameworkSections = ["Logging", "AllowedHosts"];

    /// <summary>The lines of <paramref name="file"/> to remove, each with why; <paramref name="baseFile"/> is applied first.</summary>
    public static List<string> InFile(string file, string? baseFile, params Assembly[] optionsAssemblies) =>
        Find(Leaves(file), baseFile is null ? [] : Leaves(baseFile), optionsAssemblies);

    public static List<string> Find(Dictionary<string, string?> leaves, Dictionary<string, string?> baseline, params Assembly[] optionsAssemblies)
    {
        var sections = optionsAssemblies
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Type.GetConstructor(Type.EmptyTypes) is not null)
            .ToDictionary(x => (string)x.Field!.GetRawConstantValue()!, x => x.Type, StringComparer.OrdinalIgnoreCase);

        var all = new Dictionary<string, string?>(baseline, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in leaves)
        {
            all[key] = value;
        }

        var repeated = new List<string>();
        foreach (var (key, value) in leaves)
        {
            if (baseline.TryGetValue(key, out var inherited) && inherited == value)
            {
                repeated.Add($"{key}: repeats the base file's '{value}'");
                continue;
            }

            if (FrameworkSections.Any(s => key == s || key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var section = sections.Keys.Where(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)).MaxBy(s => s.Length);
            if (section is null)
            {
                repeated.Add($"{key}: belongs to no options class (a typo, or a setting nothing reads)");
                continue;
            }

            // Removing the line (falling back to the base file's value, if any) must change the bound options.
            var type = sections[section];
            var without = new Dictionary<string, string?>(all, StringComparer.OrdinalIgnoreCase);
            if (baseline.TryGetValue(key, out var fallback))
            {
                without[key] = fallback;
            }
            else
            {
                without.Remove(key);
            }

            if (Bound(type, section, all) == Bound(type, section, without))
            {
                repeated.Add($"{key}: '{value}' changes nothing in {type.Name} (it is the default, or no property reads it)");
            }
        }

        return repeated;
    }

    /// <summary>The flattened settings of a JSON file, as configuration sees them.</summary>
    public static Dictionary<string, string?> Leaves(string file) =>
        new ConfigurationBuilder().AddJsonFile(file, optional: false).Build()
            .AsEnumerable()
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>The options <paramref name="type"/> bound from <paramref name="settings"/>, as JSON to compare.</summary>
    private static string Bound(Type type, string section, Dictionary<string, string?> settings)
    {
        var options = Activator.CreateInstance(type)!;
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(section).Bind(options);
        return JsonSerializer.Serialize(options, type);
    }
}
