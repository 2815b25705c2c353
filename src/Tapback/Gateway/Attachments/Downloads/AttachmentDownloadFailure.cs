namespace Tapback.Gateway.Attachments.Downloads;

/// <summary>Why an attachment was not fetched.</summary>
internal enum AttachmentDownloadFailure
{
    /// <summary>Not an absolute http or https URL.</summary>
    UnsupportedUrl,

    /// <summary>The host is, or resolves only to, an address a remote URL may not reach.</summary>
    AddressNotAllowed,

    /// <summary>Larger than <see cref="AttachmentDownloadOptions.MaxDownloadBytes"/>.</summary>
    TooLarge,

    /// <summary>Not finished within <see cref="AttachmentDownloadOptions.DownloadTimeout"/>.</summary>
    TimedOut,

    /// <summary>The server answered with an error status, or the connection failed.</summary>
    Failed,
}
