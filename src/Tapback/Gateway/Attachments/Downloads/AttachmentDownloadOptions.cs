using System.ComponentModel.DataAnnotations;

namespace Tapback.Gateway.Attachments.Downloads;

/// <summary>Limits on fetching attachments that transports name by URL: <c>Tapback:Attachments</c>.</summary>
internal sealed class AttachmentDownloadOptions
{
    public const string SectionName = "Tapback:Attachments";

    /// <summary>The largest attachment fetched; a larger one is refused before or while it arrives.</summary>
    [Range(1, long.MaxValue)]
    public long MaxDownloadBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>How long one fetch may take from the request to the last byte.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many redirects a fetch follows; each hop's address is checked again.</summary>
    [Range(0, 10)]
    public int MaxRedirects { get; set; } = 3;
}
