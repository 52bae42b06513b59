using LlmReference.Slo;
using Microsoft.Extensions.Options;

namespace LlmReference.ServiceDefaults.Slo;

/// <summary>
/// Fails start when the configured service's SLO specs cannot be read or evaluated, naming the file or SLO at fault,
/// rather than serving an empty <c>/slo</c> that looks like "no problems".
/// </summary>
internal sealed class SloMonitoringOptionsValidator : IValidateOptions<SloMonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, SloMonitoringOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Service))
        {
            // The data annotations report it.
            return ValidateOptionsResult.Skip;
        }

        try
        {
            SloSpecLoader.Load(options);
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is SloSpecException or IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
