namespace LlmReference.ChatApi.Guardrails;

/// <summary>Names of the guardrail metric and its attributes (the meter is ChatApi's, <see cref="ChatApiTelemetry.Name"/>).</summary>
public static class GuardrailTelemetry
{
    /// <summary>Counter: one per rule evaluated per check, tagged with rule, stage and the action taken.</summary>
    public const string Decisions = "guardrail.decisions";

    public static class Tags
    {
        /// <summary>Rule id, e.g. <c>card_number</c>.</summary>
        public const string Rule = "guardrail.rule";

        /// <summary><c>input</c> or <c>output</c>.</summary>
        public const string Stage = "guardrail.stage";

        /// <summary><c>pass</c> (no match), <c>block</c>, <c>mask</c> or <c>log</c>.</summary>
        public const string Action = "guardrail.action";
    }

    /// <summary>Values of <see cref="Tags.Action"/>.</summary>
    public static class Actions
    {
        public const string Pass = "pass";
        public const string Block = "block";
        public const string Mask = "mask";
        public const string Log = "log";

        public static string For(GuardrailAction action) => action switch
        {
            GuardrailAction.Block => Block,
            GuardrailAction.Mask => Mask,
            _ => Log,
        };
    }

    /// <summary>Values of <see cref="Tags.Stage"/>.</summary>
    public static string StageName(GuardrailStage stage) => stage == GuardrailStage.Input ? "input" : "output";

    /// <summary><c>gen_ai.evaluation.name</c> of a check: <c>guardrail.input</c> or <c>guardrail.output</c>.</summary>
    public static string EvaluationName(GuardrailStage stage) => "guardrail." + StageName(stage);

    /// <summary>Evaluation labels (<c>gen_ai.evaluation.score.label</c>) of a check.</summary>
    public static class Labels
    {
        public const string Pass = "pass";
        public const string Masked = "masked";
        public const string Blocked = "blocked";

        /// <summary>Only log-only rules matched: passed through, but worth a look.</summary>
        public const string Flagged = "flagged";
    }
}
