using Microsoft.Extensions.Compliance.Classification;

namespace LlmReference.ChatApi.Compliance;

/// <summary>Data classifications used on log parameters; the redactor registered for them masks PII.</summary>
public static class CustomerDataTaxonomy
{
    public const string TaxonomyName = "LlmReference";

    /// <summary>Free text written by or for a customer (prompts, answers, comments): may contain card numbers, e-mail, phone.</summary>
    public static DataClassification CustomerText { get; } = new(TaxonomyName, nameof(CustomerText));

    /// <summary>A customer's id (the chat user id is the bank's customer id): erased from logs, kept in traces only as <c>enduser.id</c>.</summary>
    public static DataClassification CustomerId { get; } = new(TaxonomyName, nameof(CustomerId));
}

/// <summary>Marks a log parameter as a customer id, so it is erased before any logging provider sees it.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class CustomerIdAttribute() : DataClassificationAttribute(CustomerDataTaxonomy.CustomerId);

/// <summary>Marks a log parameter as customer text, so it is logged only after <see cref="PiiRedactor"/> masked it.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class CustomerTextAttribute() : DataClassificationAttribute(CustomerDataTaxonomy.CustomerText);
