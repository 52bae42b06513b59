using System.ComponentModel;
using System.Globalization;

namespace LlmReference.FraudService.Contracts;

/// <summary>
/// Converts a wire name (<c>online_marketplace</c>) to <see cref="MerchantCategory"/> and back. Semantic Kernel binds a
/// tool argument that arrives as a string through the type's <see cref="TypeConverter"/>; the default enum converter
/// knows only member names (<c>OnlineMarketplace</c>), so the model's choice from the schema would be refused.
/// </summary>
public sealed class MerchantCategoryTypeConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) =>
        destinationType == typeof(string) || base.CanConvertTo(context, destinationType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string name
            ? MerchantCategoryNames.TryParse(name.Trim(), out var category) || Enum.TryParse(name.Trim(), ignoreCase: true, out category)
                ? category
                : throw new FormatException($"'{name}' is not a merchant category. Known: {string.Join(", ", MerchantCategoryNames.All)}.")
            : base.ConvertFrom(context, culture, value);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        value is MerchantCategory category && destinationType == typeof(string)
            ? category.ToWireName()
            : base.ConvertTo(context, culture, value, destinationType);
}
