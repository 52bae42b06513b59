namespace LlmReference.Slo;

/// <summary>One generated Prometheus rules file: <c>{service}.rules.yaml</c> and its text.</summary>
public sealed record GeneratedRuleFile(string Service, string FileName, string Text);
