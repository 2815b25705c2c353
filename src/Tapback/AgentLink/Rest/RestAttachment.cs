using System.Text.Json.Serialization;

namespace Tapback.AgentLink.Rest;

/// <summary>A file to send, named by URL: in JSON either the URL itself or <c>{"url", "name"}</c>.</summary>
[JsonConverter(typeof(RestAttachmentConverter))]
internal sealed record RestAttachment
{
    public string? Url { get; init; }

    /// <summary>The file name the phone shows; when absent, the server's or the URL's.</summary>
    public string? Name { get; init; }
}
