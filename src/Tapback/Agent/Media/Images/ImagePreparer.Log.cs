using ImageMagick;

namespace Tapback.Agent.Media.Images;

internal sealed partial class ImagePreparer
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Converted image {AttachmentId} ({Format}, {Width}x{Height}) to a {Bytes}-byte JPEG for the model.")]
    private static partial void LogConverted(ILogger logger, string attachmentId, MagickFormat format, uint width, uint height, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Image {AttachmentId} ({ContentType}) could not be read; the model is told its name only.")]
    private static partial void LogUnreadable(ILogger logger, string attachmentId, string contentType, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The file of attachment {AttachmentId} is missing from the attachment store.")]
    private static partial void LogMissing(ILogger logger, string attachmentId);
}
