namespace LlmReference.ChatApi.Feedback;

/// <summary>Names of the feedback span, metric and attributes (ChatApi's source and meter, <see cref="ChatApiTelemetry.Name"/>).</summary>
public static class FeedbackTelemetry
{
    /// <summary>Span of one vote, in the rated answer's trace; carries the <c>gen_ai.evaluation.result</c> event and links to the feedback request.</summary>
    public const string Span = "chat.feedback";

    /// <summary>Counter of votes that changed what is stored (a repeated identical vote is not counted).</summary>
    public const string Votes = "chat.feedback";

    /// <summary><c>gen_ai.evaluation.name</c> of a customer's vote.</summary>
    public const string EvaluationName = "user_feedback";

    public static class Tags
    {
        /// <summary><c>up</c> or <c>down</c>.</summary>
        public const string Score = "feedback.score";

        /// <summary><c>recorded</c> (first vote) or <c>updated</c> (a changed vote).</summary>
        public const string Result = "feedback.result";
    }
}
