using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace LlmReference.EndToEnd.Tests;

/// <summary>
/// One RESP command on a fresh connection to the cache, with no client library in between: a refused connection
/// surfaces as a <see cref="SocketException"/>, and the reply is returned as its first line (<c>+PONG</c>, <c>:1</c>)
/// or, for a bulk string, its value.
/// </summary>
internal static class RespProbe
{
    public static async Task<string> SendAsync(Uri endpoint, params string[] command)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
        var stream = client.GetStream();

        var request = new StringBuilder().Append(CultureInfo.InvariantCulture, $"*{command.Length}\r\n");
        foreach (var part in command)
        {
            request.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeout.Token);

        var reply = new StringBuilder();
        var buffer = new byte[4096];
        while (!IsComplete(reply.ToString()))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                throw new IOException($"The cache closed the connection after: {reply}");
            }

            reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        var text = reply.ToString();
        var firstLine = text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
        return firstLine.StartsWith('$') && firstLine != "$-1" ? text.Split("\r\n")[1] : firstLine;
    }

    private static bool IsComplete(string reply)
    {
        var end = reply.IndexOf("\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        if (reply[0] != '$' || reply.StartsWith("$-1", StringComparison.Ordinal))
        {
            return true;
        }

        var length = int.Parse(reply[1..end], CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetByteCount(reply) >= end + 2 + length + 2;
    }
}
