using System.Net.Sockets;
using System.Text;

namespace Fathom.Server.Tests.Artifacts;

/// <summary>
/// One HTTP/1.1 request written byte for byte on a TCP socket. HttpClient (through <see cref="Uri"/>) folds dot segments
/// and re-encodes paths, so only a raw request shows what the server does with exactly what an attacker would send.
/// </summary>
internal static class RawHttp
{
    public sealed record Response(int Status, string Body);

    public static async Task<Response> SendAsync(Uri server, string method, string target, byte[]? body = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var head = $"{method} {target} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n" +
                   $"Content-Length: {body?.Length ?? 0}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        if (body is not null) await stream.WriteAsync(body);

        var received = new MemoryStream();
        await stream.CopyToAsync(received);
        var text = Encoding.UTF8.GetString(received.ToArray());
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = text[..headerEnd];
        var payload = text[(headerEnd + 4)..];
        var status = int.Parse(headers.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var chunked = headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase);
        return new Response(status, chunked ? Dechunk(payload) : payload);
    }

    private static string Dechunk(string payload)
    {
        var body = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = payload.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(payload[at..lineEnd].Split(';')[0], 16);
            if (size == 0) return body.ToString();
            body.Append(payload, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
