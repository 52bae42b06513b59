using System.Diagnostics;

namespace LlmReference.ChatApi.Guardrails;

/// <summary>
/// The OpenTelemetry GenAI <c>gen_ai.evaluation.result</c> event, recorded as an event on a span: the Aspire
/// dashboard shows these on its Evaluations tab. Used by guardrail checks and by user feedback.
/// </summary>
public static class GenAiEvaluation
{
    public const string EventName = "gen_ai.evaluation.result";

    public static class Attributes
    {
        public const string Name = "gen_ai.evaluation.name";
        public const string ScoreValue = "gen_ai.evaluation.score.value";
        public const string ScoreLabel = "gen_ai.evaluation.score.label";
        public const string Explanation = "gen_ai.evaluation.explanation";
        public const string ResponseId = "gen_ai.response.id";
    }

    /// <summary>Adds the event to <paramref name="activity"/> when it is being recorded.</summary>
    /// <param name="name">What was evaluated, e.g. <c>user_feedback</c>, <c>guardrail.output</c>.</param>
    /// <param name="score">The score (meaning documented by each evaluator).</param>
    /// <param name="label">Low-cardinality reading of the score, e.g. <c>up</c>, <c>pass</c>.</param>
    /// <param name="responseId">The evaluated completion, when known.</param>
    /// <param name="explanation">Why, without customer content.</param>
    public static void Record(Activity? activity, string name, double score, string label, string? responseId, string? explanation = null)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        var tags = new ActivityTagsCollection
        {
            [Attributes.Name] = name,
            [Attributes.ScoreValue] = score,
            [Attributes.ScoreLabel] = label,
        };
        if (responseId is not null)
        {
            tags[Attributes.ResponseId] = responseId;
        }

        if (explanation is not null)
        {
            tags[Attributes.Explanation] = explanation;
        }

        activity.AddEvent(new ActivityEvent(EventName, tags: tags));
    }
}
