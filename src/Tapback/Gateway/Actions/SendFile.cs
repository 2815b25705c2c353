using Tapback.Gateway.Attachments;

namespace Tapback.Gateway.Actions;

/// <summary>A file to send: one already stored (an upload on the WebSocket), or a URL the gateway fetches.</summary>
internal sealed record SendFile
{
    public StoredAttachment? Stored { get; init; }

    public string? Url { get; init; }

    /// <summary>The file name the phone shows for a fetched file; when absent, the server's or the URL's.</summary>
    public string? Name { get; init; }

    public static SendFile Of(StoredAttachment stored) => new() { Stored = stored };

    public static SendFile FromUrl(string url, string? name = null) => new() { Url = url, Name = name };
}
