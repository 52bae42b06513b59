using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LlmReference.ChatApi.Feedback;

/// <summary>The <c>chat.feedback</c> counter on ChatApi's meter.</summary>
public sealed class FeedbackMetrics
{
    private readonly Counter<long> _votes;

    public FeedbackMetrics(ChatApiMetrics chatApi)
    {
        // ChatApi's one Meter, declared in ChatApiMetrics.
        var meter = chatApi.Meter;
        _votes = meter.CreateCounter<long>(FeedbackTelemetry.Votes, unit: "{vote}",
            description: "Customer votes on answers by score and model; a changed vote counts again with feedback.result=updated.");
    }

    public void RecordVote(string score, FeedbackResult result, string model) => _votes.Add(1, new TagList
    {
        { FeedbackTelemetry.Tags.Score, score },
        { FeedbackTelemetry.Tags.Result, result == FeedbackResult.Updated ? "updated" : "recorded" },
        { ChatApiTelemetry.Tags.ResponseModel, model },
    });
}
