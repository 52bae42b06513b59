using LlmReference.FraudService.Scoring;

namespace LlmReference.FraudService.Simulation;

/// <summary>A generated transaction with its ground truth.</summary>
/// <param name="Transaction">What a terminal would send to <c>POST /api/fraud/score</c>.</param>
/// <param name="IsFraud">The truth.</param>
/// <param name="Label">What the bank later reports: the truth with some noise (missed and friendly fraud).</param>
/// <param name="Pattern"><c>legit</c> or the fraud pattern's name (<c>card_testing</c>, <c>cash_out</c>, <c>skimming</c>, <c>domestic_takeover</c>).</param>
/// <param name="HomeCountry">The customer's home country.</param>
public sealed record SimulatedTransaction(CardTransaction Transaction, bool IsFraud, bool Label, string Pattern, string HomeCountry);
