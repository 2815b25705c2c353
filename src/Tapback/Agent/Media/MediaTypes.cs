namespace Tapback.Agent.Media;

/// <summary>
/// Tells photos and voice notes from other files. The file name counts as much as the declared type:
/// transports often say <c>application/octet-stream</c> for an iPhone's <c>.heic</c> or <c>.caf</c>.
/// </summary>
internal static class MediaTypes
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".heic", ".heif", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".bmp", ".avif",
    };

    private static readonly HashSet<string> AudioExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".caf", ".m4a", ".amr", ".mp3", ".wav", ".aac", ".ogg", ".oga", ".opus", ".flac", ".weba",
    };

    public static MediaKind Classify(string contentType, string fileName)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        var extension = Path.GetExtension(fileName);
        if (contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || ImageExtensions.Contains(extension))
        {
            return MediaKind.Image;
        }

        return contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) || AudioExtensions.Contains(extension)
            ? MediaKind.Audio
            : MediaKind.Other;
    }
}
