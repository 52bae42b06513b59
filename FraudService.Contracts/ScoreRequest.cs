using System.Text.Json.Serialization;

namespace LlmReference.FraudService.Contracts;

/// <summary>
/// A card transaction to score, as sent by the caller. Every property is nullable so that a missing field is reported
/// by name (400 with <c>errors</c>) rather than silently defaulted; unknown fields are rejected.
/// </summary>
/// <param name="TransactionId">Optional caller-chosen id (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>); generated when absent.</param>
/// <param name="Amount">Amount in <paramref name="Currency"/> units, greater than zero.</param>
/// <param name="Currency">ISO 4217 alphabetic code, e.g. <c>EUR</c>.</param>
/// <param name="MerchantCategory">A <see cref="Contracts.MerchantCategory"/> wire name, e.g. <c>grocery</c>. A string, not the enum, so that an unknown name is a field error (400) rather than an unreadable body.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country of the merchant, e.g. <c>DE</c>.</param>
/// <param name="CardPresent">True for a chip/contactless purchase at a terminal, false for online or phone.</param>
/// <param name="Timestamp">When the transaction happened, with the terminal's UTC offset (its hour feeds the night-time feature).</param>
/// <param name="CustomerId">The card holder's id (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ScoreRequest(
    string? TransactionId,
    decimal? Amount,
    string? Currency,
    string? MerchantCategory,
    string? Country,
    bool? CardPresent,
    DateTimeOffset? Timestamp,
    string? CustomerId);
