using LlmReference.ServiceDefaults.Admin;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>The header an admin API's key travels in (the AppHost's dashboard commands send it).</summary>
    public const string AdminKeyHeader = "X-Admin-Key";

    /// <summary>
    /// Guards the endpoints (or a group) of a keyed admin API: off (403) without a configured key, 401 without the
    /// right <see cref="AdminKeyHeader"/>. <paramref name="setting"/> is the configuration key that sets the key.
    /// </summary>
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder, Func<IServiceProvider, string?> expectedKey, string setting)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new AdminKeyFilter(expectedKey, setting));
}
