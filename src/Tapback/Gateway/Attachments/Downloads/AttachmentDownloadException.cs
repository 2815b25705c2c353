namespace Tapback.Gateway.Attachments.Downloads;

/// <summary>An attachment that was not fetched, with the reason in <see cref="Failure"/>.</summary>
internal sealed class AttachmentDownloadException : Exception
{
    public AttachmentDownloadException()
    {
    }

    public AttachmentDownloadException(string message)
        : base(message)
    {
    }

    public AttachmentDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AttachmentDownloadException(AttachmentDownloadFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public AttachmentDownloadFailure Failure { get; } = AttachmentDownloadFailure.Failed;
}
