namespace Tapback.Agent.Models;

/// <summary>Reads an Ollama address the way the <c>ollama</c> command does.</summary>
internal static class OllamaHost
{
    public const int DefaultPort = 11434;

    // Ollama listens on 127.0.0.1 by default; "localhost" could try ::1 first and wait on it.
    public static readonly Uri Default = new($"http://127.0.0.1:{DefaultPort}");

    /// <summary>
    /// Accepts what people put in OLLAMA_HOST: a URL, <c>host:port</c>, or a bare host. Without a
    /// scheme, Ollama assumes http and port 11434; so do we. A trailing <c>/v1</c> is dropped: that
    /// is the OpenAI path on the same server, not the host.
    /// </summary>
    public static Uri Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Default;
        }

        var text = value.Trim();
        var schemeGiven = text.Contains("://", StringComparison.Ordinal);
        if (!Uri.TryCreate(schemeGiven ? text : "http://" + text, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException(
                $"{ModelKeys.OllamaHost} is '{value}', which is not an address. Set it to host:port or a URL such as http://127.0.0.1:{DefaultPort}.");
        }

        var builder = new UriBuilder(uri) { Path = BaseUrls.WithoutV1(uri.AbsolutePath) };
        if (!schemeGiven && uri.IsDefaultPort && !text.EndsWith(":80", StringComparison.Ordinal))
        {
            builder.Port = DefaultPort;
        }

        return builder.Uri;
    }
}
