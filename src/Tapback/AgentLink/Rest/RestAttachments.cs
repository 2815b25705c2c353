using Microsoft.Extensions.Options;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Storage;

namespace Tapback.AgentLink.Rest;

/// <summary>
/// Fetches the files a REST send names by URL through the guarded downloader: public addresses only
/// (unless <c>Tapback:Rest:AllowPrivateAttachmentUrls</c>), within Tapback:Attachments' size and time limits.
/// </summary>
internal sealed class RestAttachments(AttachmentDownloader downloader, IOptions<RestOptions> options)
{
    /// <summary>A 400 problem naming the first bad entry, or null when every entry is an http(s) URL.</summary>
    public IResult? Validate(IReadOnlyList<RestAttachment>? attachments)
    {
        if (attachments is null)
        {
            return null;
        }

        if (attachments.Count > options.Value.MaxAttachments)
        {
            return RestProblems.BadRequest($"'attachments' has {attachments.Count} files; a send takes at most {options.Value.MaxAttachments} (Tapback:Rest:MaxAttachments).");
        }

        for (var index = 0; index < attachments.Count; index++)
        {
            if (attachments[index]?.Url is not { } url
                || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return RestProblems.BadRequest($"'attachments[{index}]' needs a url: an absolute http(s) URL, as a string or as {{\"url\", \"name\"}}.");
            }
        }

        return null;
    }

    /// <summary>The files, stored; or the problem of the first that could not be fetched.</summary>
    public async Task<(IReadOnlyList<StoredAttachment> Files, IResult? Problem)> FetchAsync(
        string sendKey, IReadOnlyList<RestAttachment>? attachments, CancellationToken cancellationToken)
    {
        if (attachments is not { Count: > 0 })
        {
            return ([], null);
        }

        var origin = options.Value.AllowPrivateAttachmentUrls ? AttachmentOrigin.Local : AttachmentOrigin.Remote;
        var files = new List<StoredAttachment>();
        for (var index = 0; index < attachments.Count; index++)
        {
            var attachment = attachments[index];
            try
            {
                files.Add(await downloader.DownloadAsync(
                    new AttachmentDownload
                    {
                        Id = Ids.Derived("att", sendKey, index.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        Url = new Uri(attachment.Url!),
                        Origin = origin,
                        FileName = string.IsNullOrWhiteSpace(attachment.Name) ? null : attachment.Name,
                    },
                    cancellationToken));
            }
            catch (AttachmentDownloadException refused)
            {
                return ([], Problem(index, refused));
            }
        }

        return (files, null);
    }

    private static IResult Problem(int index, AttachmentDownloadException refused) => refused.Failure switch
    {
        AttachmentDownloadFailure.TooLarge => RestProblems.TooLarge($"attachments[{index}]: {refused.Message}"),
        AttachmentDownloadFailure.UnsupportedUrl => RestProblems.BadRequest($"attachments[{index}]: {refused.Message}"),
        AttachmentDownloadFailure.AddressNotAllowed => RestProblems.Unprocessable(
            $"attachments[{index}]: the URL reaches a loopback, private or otherwise non-public address, which Tapback does not fetch from (an operator can allow it with Tapback:Rest:AllowPrivateAttachmentUrls)."),
        _ => RestProblems.Unprocessable($"attachments[{index}] could not be fetched: {refused.Message}"),
    };
}
