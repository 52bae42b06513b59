using System.Diagnostics;
using LlmReference.ChatApi.Compliance;
using Microsoft.Extensions.Http.Diagnostics;
using Microsoft.Extensions.Telemetry;
using OpenTelemetry.Instrumentation.Http;

namespace LlmReference.ChatApi.Tools;

/// <summary>
/// Keeps customer ids out of what ChatApi records about its calls to FraudService, whose routes carry them
/// (<c>/api/fraud/customers/{customerId}/transactions</c>): each request names its route template
/// (<see cref="RequestMetadata"/>); the HTTP client logs are the extended ones (Microsoft.Extensions.Http.Diagnostics)
/// with every route parameter redacted (the default client logs, which print the full URL, are removed), and the
/// client span's <c>url.full</c> is rewritten to the template (with <c>url.template</c> set), so neither a log nor an
/// exported span holds the id. FraudService itself logs pseudonyms only.
/// </summary>
public static class FraudClientTelemetry
{
    public const string CustomerTransactionsRoute = "/api/fraud/customers/{customerId}/transactions";
    public const string ScoreRoute = "/api/fraud/score";

    /// <summary>Names the route of a request, for the logs and the span.</summary>
    public static HttpRequestMessage WithRoute(this HttpRequestMessage request, string route, string name)
    {
        request.SetRequestMetadata(new RequestMetadata(request.Method.Method, route, name) { DependencyName = ChatToolsOptions.FraudHttpClientName });
        return request;
    }

    public static IServiceCollection AddRedactedFraudClientTelemetry(this IServiceCollection services)
    {
        services.AddHttpClient(ChatToolsOptions.FraudHttpClientName)
            .RemoveAllLoggers()
            .AddExtendedHttpClientLogging(options =>
            {
                options.RequestPathParameterRedactionMode = HttpRouteParameterRedactionMode.Strict;
                options.RouteParameterDataClasses["customerId"] = CustomerDataTaxonomy.CustomerId;
            });

        services.Configure<HttpClientTraceInstrumentationOptions>(options =>
        {
            var previous = options.EnrichWithHttpRequestMessage;
            options.EnrichWithHttpRequestMessage = (activity, request) =>
            {
                previous?.Invoke(activity, request);
                if (request.GetRequestMetadata() is { RequestRoute: { } route } && request.RequestUri is { } uri)
                {
                    activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Authority) + route);
                    activity.SetTag("url.template", route);
                }
            };
        });
        return services;
    }
}
