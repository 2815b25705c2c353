using System.Globalization;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Storage;

namespace Tapback.Gateway.Actions;

/// <summary>
/// A send's files in the attachment store: uploads are there already; URLs are fetched through the
/// guarded downloader (public addresses only unless the send allows private ones, within
/// Tapback:Attachments' size and time limits), each with an id derived from the send's key, so a retry agrees.
/// </summary>
internal sealed class SendFiles(AttachmentDownloader downloader)
{
    public async Task<(IReadOnlyList<StoredAttachment> Files, ActionResult.Refused? Refusal)> StoreAsync(
        string sendKey, IReadOnlyList<SendFile> files, bool allowPrivate, CancellationToken cancellationToken)
    {
        var stored = new List<StoredAttachment>(files.Count);
        for (var index = 0; index < files.Count; index++)
        {
            var file = files[index];
            if (file.Stored is not null)
            {
                stored.Add(file.Stored);
                continue;
            }

            try
            {
                stored.Add(await downloader.DownloadAsync(
                    new AttachmentDownload
                    {
                        Id = Ids.Derived("att", sendKey, index.ToString(CultureInfo.InvariantCulture)),
                        Url = new Uri(file.Url!),
                        Origin = allowPrivate ? AttachmentOrigin.Local : AttachmentOrigin.Remote,
                        FileName = string.IsNullOrWhiteSpace(file.Name) ? null : file.Name,
                    },
                    cancellationToken));
            }
            catch (AttachmentDownloadException refused)
            {
                return ([], Refusal(index, refused));
            }
        }

        return (stored, null);
    }

    private static ActionResult.Refused Refusal(int index, AttachmentDownloadException refused) => refused.Failure switch
    {
        AttachmentDownloadFailure.TooLarge => new(RefusalKind.TooLarge, $"attachments[{index}]: {refused.Message} Nothing was sent."),
        AttachmentDownloadFailure.UnsupportedUrl => new(RefusalKind.Invalid, $"attachments[{index}]: {refused.Message} Nothing was sent."),
        AttachmentDownloadFailure.AddressNotAllowed => new(
            RefusalKind.Unprocessable,
            $"attachments[{index}]: the URL reaches a loopback, private or otherwise non-public address, which Tapback does not fetch from (an operator can allow it with Tapback:Rest:AllowPrivateAttachmentUrls). Nothing was sent."),
        _ => new(RefusalKind.Unprocessable, $"attachments[{index}] could not be fetched: {refused.Message} Nothing was sent."),
    };
}
