using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>
/// What every HTTP scenario shares: posting JSON with the user header, and turning exceptions into outcomes so a
/// failure is counted, never thrown at the scheduler.
/// </summary>
public abstract class ScenarioBase(string name) : IScenario
{
    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Name { get; } = name;

    public async Task<RequestOutcome> ExecuteAsync(RequestContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (Failures.Classify(exception, cancellationToken) is { } kind)
        {
            return new RequestOutcome(Name, kind);
        }
    }

    protected abstract Task<RequestOutcome> SendAsync(RequestContext context, CancellationToken cancellationToken);

    protected static HttpRequestMessage Post<T>(string path, T body, string? userId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        if (userId is not null)
        {
            request.Headers.TryAddWithoutValidation(UserPool.Header, userId);
        }

        return request;
    }

    protected RequestOutcome Failed(HttpResponseMessage response) => new(Name, OutcomeKind.HttpStatus, (int)response.StatusCode);

    protected RequestOutcome Succeeded(HttpResponseMessage response) => new(Name, OutcomeKind.Success, (int)response.StatusCode);
}
