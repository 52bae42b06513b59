using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace LlmReference.FraudService.Contracts;

/// <summary>The wire names of <see cref="MerchantCategory"/>, read from its attributes once.</summary>
public static class MerchantCategoryNames
{
    private static readonly FrozenDictionary<MerchantCategory, string> ByCategory = Enum.GetValues<MerchantCategory>()
        .ToFrozenDictionary(c => c, c => typeof(MerchantCategory).GetField(c.ToString())!
            .GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name);

    private static readonly FrozenDictionary<string, MerchantCategory> ByName =
        ByCategory.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every wire name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<MerchantCategory>().Select(c => ByCategory[c])];

    /// <summary>The wire name, e.g. <c>online_marketplace</c>.</summary>
    public static string ToWireName(this MerchantCategory category) => ByCategory[category];

    /// <summary>The category with this exact wire name (case-sensitive, as FraudService accepts it).</summary>
    public static bool TryParse(string? name, out MerchantCategory category) => ByName.TryGetValue(name ?? "", out category);
}
