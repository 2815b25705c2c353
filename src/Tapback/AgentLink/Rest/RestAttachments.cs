using Microsoft.Extensions.Options;

namespace Tapback.AgentLink.Rest;

/// <summary>
/// Checks the files a REST or MCP send names by URL before anything is fetched (the action core fetches
/// them, through the guarded downloader, once the chat and the key allow the send).
/// </summary>
internal sealed class RestAttachments(IOptions<RestOptions> options)
{
    /// <summary>The sentence naming the first bad entry (a 400 over REST), or null when every entry is an http(s) URL.</summary>
    public string? Validate(IReadOnlyList<RestAttachment>? attachments)
    {
        if (attachments is null)
        {
            return null;
        }

        if (attachments.Count > options.Value.MaxAttachments)
        {
            return $"'attachments' has {attachments.Count} files; a send takes at most {options.Value.MaxAttachments} (Tapback:Rest:MaxAttachments).";
        }

        for (var index = 0; index < attachments.Count; index++)
        {
            if (attachments[index]?.Url is not { } url
                || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return $"'attachments[{index}]' needs a url: an absolute http(s) URL, as a string or as {{\"url\", \"name\"}}.";
            }
        }

        return null;
    }
}
