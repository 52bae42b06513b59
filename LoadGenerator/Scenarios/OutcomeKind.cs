namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>How a request ended, as the report counts it. Anything but <see cref="Success"/> is an error.</summary>
public enum OutcomeKind
{
    /// <summary>A 2xx answer, and for a stream a <c>done</c> event.</summary>
    Success,

    /// <summary>An answer with a non-2xx status (counted by status too).</summary>
    HttpStatus,

    /// <summary>No answer within the request timeout.</summary>
    Timeout,

    /// <summary>The connection was refused, reset or failed (nothing listening, a crashed target).</summary>
    Connection,

    /// <summary>A stream that sent an <c>error</c> event, or ended without <c>done</c>.</summary>
    StreamError,

    /// <summary>An answer the generator could not read (bad JSON, missing fields).</summary>
    InvalidResponse,

    /// <summary>Due but never sent: the in-flight bound was full until the run's send window closed.</summary>
    NotSent,

    /// <summary>Still in flight when the run was stopped or its drain time ran out.</summary>
    Cancelled,
}
