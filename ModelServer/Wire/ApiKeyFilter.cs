using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LlmReference.ModelServer.Wire;

/// <summary>
/// When <c>ModelServer:ApiKey</c> is set, <c>/v1</c> requires <c>Authorization: Bearer &lt;key&gt;</c> (401 <c>invalid_api_key</c>
/// otherwise). When it is empty, any bearer is accepted, including the empty one Semantic Kernel sends without a key.
/// </summary>
internal sealed class ApiKeyFilter(IOptions<ModelServerOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.Value.ApiKey;
        if (string.IsNullOrEmpty(expected))
        {
            return next(context);
        }

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        var matches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
        return matches ? next(context) : ValueTask.FromResult<object?>(OpenAIErrors.InvalidApiKey());
    }
}
