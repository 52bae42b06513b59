using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmReference.FraudService.Contracts;

namespace LlmReference.ModelServer.Tools;

/// <summary>
/// Builds a tool call's <c>arguments</c> from the user's message against the tool's JSON schema: money amounts, merchants
/// ("at Acme Ltd"), countries, currencies, times of day, ids and enums are found in the text; required properties with
/// nothing found get a valid default (schema default, enum's first value, minimum, the question itself for free text), so
/// the result always validates against the schema's types.
/// </summary>
internal sealed partial class ArgumentExtractor(TimeProvider timeProvider)
{
    private static readonly Dictionary<string, string> Countries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["united states"] = "US", ["usa"] = "US", ["america"] = "US", ["united kingdom"] = "GB", ["uk"] = "GB", ["britain"] = "GB",
        ["england"] = "GB", ["ireland"] = "IE", ["france"] = "FR", ["germany"] = "DE", ["spain"] = "ES", ["italy"] = "IT",
        ["netherlands"] = "NL", ["portugal"] = "PT", ["poland"] = "PL", ["romania"] = "RO", ["russia"] = "RU", ["ukraine"] = "UA",
        ["turkey"] = "TR", ["nigeria"] = "NG", ["ghana"] = "GH", ["kenya"] = "KE", ["south africa"] = "ZA", ["egypt"] = "EG",
        ["india"] = "IN", ["china"] = "CN", ["hong kong"] = "HK", ["japan"] = "JP", ["singapore"] = "SG", ["thailand"] = "TH",
        ["vietnam"] = "VN", ["philippines"] = "PH", ["indonesia"] = "ID", ["australia"] = "AU", ["new zealand"] = "NZ",
        ["canada"] = "CA", ["mexico"] = "MX", ["brazil"] = "BR", ["argentina"] = "AR", ["colombia"] = "CO", ["uae"] = "AE",
        ["united arab emirates"] = "AE", ["dubai"] = "AE", ["saudi arabia"] = "SA", ["israel"] = "IL", ["pakistan"] = "PK",
        ["north korea"] = "KP", ["iran"] = "IR", ["cayman islands"] = "KY", ["panama"] = "PA", ["switzerland"] = "CH",
    };

    private static readonly Dictionary<string, string> CurrencySymbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["$"] = "USD", ["€"] = "EUR", ["£"] = "GBP", ["¥"] = "JPY", ["dollar"] = "USD", ["dollars"] = "USD", ["euro"] = "EUR",
        ["euros"] = "EUR", ["pound"] = "GBP", ["pounds"] = "GBP", ["yen"] = "JPY",
    };

    // Words in a customer's message that name a merchant category, mapped to FraudService's own vocabulary (the shared
    // contract), so a tool whose schema lists FraudService's categories gets the one the customer meant. First match wins.
    private static readonly (string Pattern, MerchantCategory Category)[] Categories =
    [
        (@"crypto|bitcoin|btc|coinbase|binance", MerchantCategory.Crypto),
        (@"gift ?card", MerchantCategory.GiftCards),
        (@"money transfer|wire transfer|western union|moneygram|remittance", MerchantCategory.MoneyTransfer),
        (@"gambl|casino|betting|\bbet\b|poker|spins", MerchantCategory.Gambling),
        (@"grocer|supermarket|food shop", MerchantCategory.Grocery),
        (@"electronic|laptop|phone|computer|tv\b|apple store", MerchantCategory.Electronics),
        (@"hotel|airbnb", MerchantCategory.Hotels),
        (@"travel|flight|airline|booking", MerchantCategory.Travel),
        (@"restaurant|cafe|café|coffee|takeaway|dining", MerchantCategory.Restaurants),
        (@"fuel|petrol|gas station", MerchantCategory.Fuel),
        (@"pharmac|chemist|drugstore", MerchantCategory.Pharmacy),
        (@"cloth|fashion|shoes|apparel", MerchantCategory.Apparel),
        (@"jewel|watch", MerchantCategory.Jewelry),
        (@"stream|netflix|spotify|subscription|app store|in-app", MerchantCategory.DigitalGoods),
        (@"amazon|ebay|marketplace", MerchantCategory.OnlineMarketplace),
        (@"cinema|concert|ticket|theatre|theater", MerchantCategory.Entertainment),
        (@"electricity|water bill|utilit", MerchantCategory.Utilities),
    ];

    [GeneratedRegex(@"(?<sym>[$€£¥])\s?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?<code>USD|EUR|GBP|JPY|CHF|CAD|AUD|dollars?|euros?|pounds?|yen)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyPattern();

    [GeneratedRegex(@"\b(?<h>\d{1,2})(?::(?<m>\d{2}))?\s?(?<ampm>am|pm|a\.m\.|p\.m\.)|\b(?<h>[01]?\d|2[0-3]):(?<m>[0-5]\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"\b(?:at|from|to|with)\s+(?<m>[A-Z][\w&'.-]*(?:\s+(?:[A-Z0-9][\w&'.-]*|&|of|and|de))*)")]
    private static partial Regex MerchantPattern();

    [GeneratedRegex(@"\b(?:USD|EUR|GBP|JPY|CHF|CAD|AUD)\b")]
    private static partial Regex CurrencyCode();

    [GeneratedRegex(@"\b(?:tx|txn|trx|transaction|payment)[\s#:_-]*(?:id|number|no\.?)?[\s#:_-]*(?<id>[A-Za-z]*\d[\w-]*)", RegexOptions.IgnoreCase)]
    private static partial Regex TransactionId();

    [GeneratedRegex(@"\bending(?: in)?\s+(?<d>\d{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex CardLastFour();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")]
    private static partial Regex PlainNumber();

    public string Extract(JsonElement? schema, string text)
    {
        var arguments = new JsonObject();
        if (schema is not { ValueKind: JsonValueKind.Object } s || !s.TryGetProperty("properties", out var properties) ||
            properties.ValueKind != JsonValueKind.Object)
        {
            return arguments.ToJsonString();
        }

        var required = s.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet()
            : [];

        foreach (var property in properties.EnumerateObject())
        {
            var value = ValueFor(property.Name, property.Value, text, required.Contains(property.Name));
            if (value is not null)
            {
                arguments[property.Name] = value;
            }
        }

        return arguments.ToJsonString();
    }

    private JsonNode? ValueFor(string name, JsonElement schema, string text, bool required)
    {
        var type = TypeOf(schema);
        var lower = name.ToLowerInvariant();
        var found = type switch
        {
            "number" or "integer" => NumberFor(lower, text, type == "integer"),
            "boolean" => BooleanFor(lower, text),
            "string" => StringFor(lower, schema, text),
            "object" => JsonNode.Parse(Extract(schema, text)),
            "array" => new JsonArray(),
            _ => null,
        };

        return found ?? (required ? DefaultFor(type, schema, text) : null);
    }

    private static string TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("enum", out _) ? "string" : "string";
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "string"
            : type.GetString() ?? "string";
    }

    private JsonNode? NumberFor(string name, string text, bool integer)
    {
        double? value = null;
        if (name.Contains("amount") || name.Contains("value") || name.Contains("price") || name.Contains("sum") || name.Contains("total"))
        {
            value = FirstMoney(text) ?? FirstPlainNumber(text);
        }
        else if (name.Contains("hour") || name.Contains("time"))
        {
            // No time in the message means "just now", as a customer asking about a payment usually means.
            value = HourOf(text) ?? timeProvider.GetUtcNow().Hour;
        }
        else if (name.Contains("last4") || name.Contains("lastfour"))
        {
            value = CardLastFour().Match(text) is { Success: true } m ? double.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) : null;
        }

        if (value is null)
        {
            return null;
        }

        return integer ? JsonValue.Create((long)Math.Round(value.Value)) : JsonValue.Create(value.Value);
    }

    private static JsonNode? BooleanFor(string name, string text)
    {
        var lower = text.ToLowerInvariant();
        if (name.Contains("online") || name.Contains("ecommerce") || name.Contains("notpresent"))
        {
            return JsonValue.Create(Regex.IsMatch(lower, @"\b(online|internet|website|web|app store|e-?commerce)\b"));
        }

        if (name.Contains("foreign") || name.Contains("international") || name.Contains("abroad") || name.Contains("crossborder"))
        {
            return JsonValue.Create(CountryIn(text) is { } c && c.Code != "US" || Regex.IsMatch(lower, @"\b(abroad|overseas|foreign|international)\b"));
        }

        if (name.Contains("present") || name.Contains("instore"))
        {
            return JsonValue.Create(Regex.IsMatch(lower, @"\b(in store|in-store|in person|chip|contactless|at the till)\b"));
        }

        return null;
    }

    private JsonNode? StringFor(string name, JsonElement schema, string text)
    {
        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            var lower = text.ToLowerInvariant();
            var options = values.EnumerateArray().Select(v => v.GetString()).OfType<string>().Where(v => v.Length > 0).ToList();
            var category = CategoryIn(text);
            // FraudService's exact name first (a schema generated from the contract), then any option named in the
            // text, then one that merely resembles the category (another tool's vocabulary, e.g. "groceries").
            var match = options.FirstOrDefault(v => category is not null && string.Equals(v, category, StringComparison.OrdinalIgnoreCase))
                        ?? options.FirstOrDefault(v => lower.Contains(v.ToLowerInvariant()))
                        ?? options.FirstOrDefault(v => category is not null && v.Contains(category, StringComparison.OrdinalIgnoreCase));
            return match is null ? null : JsonValue.Create(match);
        }

        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (format is "date-time" or "date" || name.Contains("date") || name.Contains("timestamp") || name.Contains("time"))
        {
            return JsonValue.Create(DateFor(text, format == "date"));
        }

        if (name.Contains("category") || name.Contains("mcc"))
        {
            return CategoryIn(text) is { } category ? JsonValue.Create(category) : null;
        }

        if (name.Contains("currency"))
        {
            return CurrencyIn(text) is { } currency ? JsonValue.Create(currency) : null;
        }

        if (name.Contains("country") || name.Contains("location") || name.Contains("region"))
        {
            if (CountryIn(text) is not { } country)
            {
                return null;
            }

            var wantsCode = name.Contains("code") || name.Contains("iso") ||
                            (schema.TryGetProperty("description", out var d) && d.GetString() is { } description &&
                             (description.Contains("ISO", StringComparison.Ordinal) || description.Contains("code", StringComparison.OrdinalIgnoreCase))) ||
                            (schema.TryGetProperty("maxLength", out var max) && max.TryGetInt32(out var length) && length <= 3);
            return JsonValue.Create(wantsCode ? country.Code : country.Name);
        }

        if (name.Contains("merchant") || name.Contains("payee") || name.Contains("vendor") || name.Contains("store") || name.Contains("shop"))
        {
            return MerchantIn(text) is { } merchant ? JsonValue.Create(merchant) : null;
        }

        if (name.Contains("transactionid") || name.Contains("paymentid") || name == "id" || name.EndsWith("_id", StringComparison.Ordinal))
        {
            return TransactionId().Match(text) is { Success: true } m ? JsonValue.Create(m.Groups["id"].Value) : null;
        }

        if (name.Contains("last4") || name.Contains("lastfour") || name.Contains("cardnumber"))
        {
            return CardLastFour().Match(text) is { Success: true } m ? JsonValue.Create(m.Groups["d"].Value) : null;
        }

        if (name.Contains("description") || name.Contains("query") || name.Contains("text") || name.Contains("message") ||
            name.Contains("question") || name.Contains("details") || name.Contains("reason"))
        {
            return JsonValue.Create(text.Trim());
        }

        return null;
    }

    /// <summary>
    /// An ISO date in the text, else now, or the most recent past occurrence of the hour the text names: "at 3am" asked
    /// at 01:00 is yesterday's 03:00, never a future time (which FraudService rightly refuses).
    /// </summary>
    private string DateFor(string text, bool dateOnly)
    {
        if (IsoDate().Match(text) is { Success: true } date)
        {
            return dateOnly ? date.Value[..10] : date.Value;
        }

        var now = timeProvider.GetUtcNow();
        var at = HourOf(text) is { } hour ? new DateTimeOffset(now.Year, now.Month, now.Day, (int)hour, 0, 0, TimeSpan.Zero) : now;
        if (at > now)
        {
            at = at.AddDays(-1);
        }

        return dateOnly ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : at.ToString("O", CultureInfo.InvariantCulture);
    }

    private static string? CategoryIn(string text) =>
        Categories.Where(c => Regex.IsMatch(text, c.Pattern, RegexOptions.IgnoreCase)).Select(c => c.Category.ToWireName()).FirstOrDefault();

    private static JsonNode DefaultFor(string type, JsonElement schema, string text)
    {
        if (schema.TryGetProperty("default", out var fallback) && fallback.ValueKind != JsonValueKind.Null)
        {
            return JsonNode.Parse(fallback.GetRawText())!;
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            return JsonNode.Parse(values[0].GetRawText())!;
        }

        var minimum = schema.TryGetProperty("minimum", out var min) && min.TryGetDouble(out var m) ? m : 0;
        return type switch
        {
            "integer" => JsonValue.Create((long)Math.Ceiling(minimum)),
            "number" => JsonValue.Create(minimum),
            "boolean" => JsonValue.Create(false),
            "array" => new JsonArray(),
            "object" => new JsonObject(),
            _ => JsonValue.Create(text.Trim()),
        };
    }

    private static double? FirstMoney(string text) =>
        MoneyPattern().Match(text) is { Success: true } m
            ? double.Parse(m.Groups["num"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)
            : null;

    private static double? FirstPlainNumber(string text)
    {
        foreach (Match m in PlainNumber().Matches(text))
        {
            // A time of day ("3 am") or a card's last four digits are not an amount.
            var after = text[(m.Index + m.Length)..].TrimStart();
            if (after.StartsWith("am", StringComparison.OrdinalIgnoreCase) || after.StartsWith("pm", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            return double.Parse(m.Value, CultureInfo.InvariantCulture);
        }

        return null;
    }

    private static double? HourOf(string text)
    {
        if (TimePattern().Match(text) is not { Success: true } m)
        {
            return null;
        }

        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) % 24;
        var ampm = m.Groups["ampm"].Value.ToLowerInvariant();
        if (ampm.StartsWith('p') && hour < 12)
        {
            hour += 12;
        }
        else if (ampm.StartsWith('a') && hour == 12)
        {
            hour = 0;
        }

        return hour;
    }

    private static string? CurrencyIn(string text)
    {
        if (CurrencyCode().Match(text) is { Success: true } code)
        {
            return code.Value;
        }

        if (MoneyPattern().Match(text) is { Success: true } money)
        {
            var marker = money.Groups["sym"].Success ? money.Groups["sym"].Value : money.Groups["code"].Value;
            return CurrencySymbols.TryGetValue(marker, out var iso) ? iso : marker.ToUpperInvariant();
        }

        return null;
    }

    private static (string Name, string Code)? CountryIn(string text)
    {
        var lower = " " + text.ToLowerInvariant() + " ";
        foreach (var (name, code) in Countries.OrderByDescending(c => c.Key.Length))
        {
            if (Regex.IsMatch(lower, @"[^a-z]" + Regex.Escape(name) + "[^a-z]"))
            {
                return (CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name), code);
            }
        }

        return null;
    }

    private static string? MerchantIn(string text)
    {
        foreach (Match m in MerchantPattern().Matches(text))
        {
            var candidate = m.Groups["m"].Value.TrimEnd('.', ',', '\'', '-');
            if (CountryIn(candidate) is null && !Regex.IsMatch(candidate, @"^(I|It|Is|The|This|That|My|A)$"))
            {
                return candidate;
            }
        }

        return null;
    }
}
