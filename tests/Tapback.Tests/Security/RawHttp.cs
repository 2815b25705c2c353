using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Tapback.Tests.Security;

/// <summary>
/// HTTP/1.1 written by hand on a socket: a request can announce a body it never sends (or sends
/// slowly), and the answer is still read, which HttpClient cannot do once the server stops reading.
/// </summary>
internal static class RawHttp
{
    /// <summary>Sends the head and the first bytes of a body, then reads the answer (the server closes or answers without the rest).</summary>
    public static async Task<(int Status, string ContentType, JsonObject? Body)> SendPartialAsync(
        Uri baseAddress, string method, string pathAndQuery, long contentLength, byte[] firstBytes, string? extraHeaders = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = client.GetStream();
        var head = $"{method} {pathAndQuery} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: {contentLength}\r\n{extraHeaders}Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(firstBytes);
        await stream.FlushAsync();

        // Read until the server closes: the answer to a refused body ends the connection.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var answer = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
                if (Parse(answer.ToArray()) is { Complete: true } complete)
                {
                    return (complete.Status, complete.ContentType, complete.Body);
                }
            }
        }
        catch (IOException) when (answer.Length > 0)
        {
        }

        var parsed = Parse(answer.ToArray()) ?? throw new InvalidOperationException($"No HTTP answer ({answer.Length} bytes).");
        return (parsed.Status, parsed.ContentType, parsed.Body);
    }

    private static Parsed? Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        string Header(string name) => lines.Skip(1).Select(line => line.Split(':', 2)).Where(parts => parts.Length == 2 && parts[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase)).Select(parts => parts[1].Trim()).FirstOrDefault() ?? "";
        var body = text[(end + 4)..];
        if (Header("Transfer-Encoding").Equals("chunked", StringComparison.OrdinalIgnoreCase))
        {
            var decoded = new StringBuilder();
            var rest = body;
            while (true)
            {
                var lineEnd = rest.IndexOf("\r\n", StringComparison.Ordinal);
                if (lineEnd < 0)
                {
                    return new Parsed(status, Header("Content-Type"), null, Complete: false);
                }

                var size = Convert.ToInt32(rest[..lineEnd].Split(';')[0], 16);
                if (size == 0)
                {
                    break;
                }

                if (rest.Length < lineEnd + 2 + size)
                {
                    return new Parsed(status, Header("Content-Type"), null, Complete: false);
                }

                decoded.Append(rest, lineEnd + 2, size);
                rest = rest[(lineEnd + 2 + size)..].TrimStart('\r', '\n');
            }

            body = decoded.ToString();
        }
        else if (int.TryParse(Header("Content-Length"), out var length) && Encoding.UTF8.GetByteCount(body) < length)
        {
            return new Parsed(status, Header("Content-Type"), null, Complete: false);
        }

        JsonObject? json = null;
        try
        {
            json = body.Length > 0 ? JsonNode.Parse(body) as JsonObject : null;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return new Parsed(status, Header("Content-Type"), json, Complete: true);
    }

    private sealed record Parsed(int Status, string ContentType, JsonObject? Body, bool Complete);
}
