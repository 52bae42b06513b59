using System.ComponentModel.DataAnnotations;

namespace LlmReference.FraudService.Access;

/// <summary>
/// Who may call the fraud API (section <c>Fraud:Access</c>). The AppHost generates the key as the secret parameter
/// <c>fraud-api-key</c> and gives it to FraudService and to its callers (ChatApi, the load generator, the dashboard's
/// simulation commands); anywhere else set it as a secret (<c>Fraud__Access__ApiKey</c>), never in a committed file.
/// </summary>
public sealed class FraudAccessOptions
{
    public const string SectionName = "Fraud:Access";

    /// <summary>The API key every <c>/api/fraud</c> request must send in <c>X-Api-Key</c>. Required; at least 16 characters.</summary>
    [Required(ErrorMessage = "Fraud:Access:ApiKey is not set: every /api/fraud request needs a key. The AppHost passes one; when running FraudService on its own, set Fraud__Access__ApiKey to a long random string.")]
    [MinLength(16, ErrorMessage = "Fraud:Access:ApiKey must be at least 16 characters (a long random string).")]
    public string ApiKey { get; set; } = "";
}
