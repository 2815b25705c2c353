namespace Tapback.Gateway.Attachments.Downloads;

internal sealed partial class AttachmentDownloader
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Downloaded attachment {AttachmentId} from {Host}: {Size} bytes.")]
    private static partial void LogDownloaded(ILogger logger, string attachmentId, string host, long size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Did not download attachment {AttachmentId} from {Host} ({Origin} origin): {Failure}. {Reason}")]
    private static partial void LogRefused(ILogger logger, string attachmentId, string host, AttachmentOrigin origin, AttachmentDownloadFailure failure, string reason);
}
