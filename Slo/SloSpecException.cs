namespace LlmReference.Slo;

/// <summary>An SLO spec that cannot be used; the message names the file, the SLO and the field at fault.</summary>
public sealed class SloSpecException(string message, Exception? inner = null) : Exception(message, inner);
