using Tapback.Gateway.Attachments.Downloads;

namespace Tapback.Gateway.Attachments.Pending;

/// <summary>
/// How one transport fetches a file it left pending. Each transport that fetches files registers one;
/// <see cref="PendingAttachmentWorker"/> calls it until the file arrives or is given up.
/// </summary>
internal interface IPendingAttachmentSource
{
    /// <summary>The transport instance's name.</summary>
    string Transport { get; }

    /// <exception cref="AttachmentDownloadException">
    /// <see cref="AttachmentDownloadFailure.Failed"/> or <see cref="AttachmentDownloadFailure.TimedOut"/>: not yet, tried again
    /// later; any other failure: it never will be, and the file is given up.
    /// </exception>
    Task<StoredAttachment> FetchAsync(PendingAttachment file, CancellationToken cancellationToken = default);
}
