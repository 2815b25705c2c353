using System.Globalization;
using ImageMagick;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Attachments;

namespace Tapback.Agent.Media.Images;

/// <summary>
/// Makes a photo something every model provider takes: JPEG, PNG, GIF or WebP as sent when it already
/// fits; otherwise (an iPhone's HEIC, a 12-megapixel JPEG, a TIFF) turned upright, scaled so its long
/// side and its bytes fit <see cref="MediaOptions"/>, and encoded as JPEG. A conversion is written next
/// to the original and reused, so a photo in a history shown on every turn is converted once.
/// </summary>
internal sealed partial class ImagePreparer(AttachmentStore store, IOptions<MediaOptions> options, ILogger<ImagePreparer> logger)
{
    private static readonly Dictionary<MagickFormat, string> ModelFormats = new()
    {
        [MagickFormat.Jpeg] = "image/jpeg",
        [MagickFormat.Jpg] = "image/jpeg",
        [MagickFormat.Png] = "image/png",
        [MagickFormat.Gif] = "image/gif",
        [MagickFormat.WebP] = "image/webp",
    };

    /// <summary>The image as the model will see it, or null when the file is missing or not an image Tapback can read.</summary>
    public async Task<DataContent?> PrepareAsync(MessageAttachment attachment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var limits = options.Value;
        var derived = store.DerivedPathOf(attachment.Sha256, string.Create(CultureInfo.InvariantCulture, $"fit-{limits.MaxImageLongSide}-{limits.MaxImageBytes}-q{limits.JpegQuality}.jpg"));
        try
        {
            if (File.Exists(derived))
            {
                return new DataContent(await File.ReadAllBytesAsync(derived, cancellationToken), "image/jpeg") { Name = attachment.FileName };
            }

            if (!File.Exists(attachment.Path))
            {
                LogMissing(logger, attachment.Id);
                return null;
            }

            var original = await File.ReadAllBytesAsync(attachment.Path, cancellationToken);
            var info = new MagickImageInfo(original);

            // A JPEG the camera stored sideways (EXIF orientation) is turned upright by converting it.
            if (ModelFormats.TryGetValue(info.Format, out var mediaType)
                && original.Length <= limits.MaxImageBytes
                && Math.Max(info.Width, info.Height) <= limits.MaxImageLongSide
                && info.Orientation is Orientation.Undefined or Orientation.TopLeft)
            {
                return new DataContent(original, mediaType) { Name = attachment.FileName };
            }

            // Magick.NET is synchronous and CPU-bound; keep it off the caller's thread.
            var jpeg = await Task.Run(() => ToJpeg(original, limits), cancellationToken);
            await store.SaveDerivedAsync(derived, jpeg, cancellationToken);
            LogConverted(logger, attachment.Id, info.Format, info.Width, info.Height, jpeg.Length);
            return new DataContent(jpeg, "image/jpeg") { Name = attachment.FileName };
        }
        catch (Exception exception) when (exception is MagickException or IOException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, attachment.Id, attachment.ContentType, exception);
            return null;
        }
    }

    private static byte[] ToJpeg(byte[] original, MediaOptions limits)
    {
        using var image = new MagickImage(original);
        image.AutoOrient();
        image.Strip();
        if (image.HasAlpha)
        {
            // JPEG has no transparency; white is what a phone shows behind a transparent sticker.
            image.BackgroundColor = MagickColors.White;
            image.Alpha(AlphaAction.Remove);
        }

        var longSide = (uint)limits.MaxImageLongSide;
        var quality = (uint)limits.JpegQuality;
        while (true)
        {
            if (Math.Max(image.Width, image.Height) > longSide)
            {
                image.Resize(new MagickGeometry(longSide, longSide));
            }

            image.Quality = quality;
            var jpeg = image.ToByteArray(MagickFormat.Jpeg);
            if (jpeg.Length <= limits.MaxImageBytes || longSide <= 256)
            {
                return jpeg;
            }

            // Still too many bytes: a lower quality first, then a smaller picture.
            if (quality > 60)
            {
                quality -= 15;
            }
            else
            {
                longSide = longSide * 3 / 4;
            }
        }
    }
}
