namespace Tapback.Transports.Blooio;

internal sealed partial class BlooioInbound
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Blooio transport {Transport} stored event {EventId} as message {MessageId} (new: {Created}).")]
    private static partial void LogReceived(ILogger logger, string transport, string eventId, string messageId, bool created);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Blooio transport {Transport} dropped event {EventId}: it is our own send or tapback.")]
    private static partial void LogEcho(ILogger logger, string transport, string eventId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Blooio transport {Transport} ignored an event of type {EventType}.")]
    private static partial void LogIgnored(ILogger logger, string transport, string eventType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blooio transport {Transport}: attachment {Index} of event {EventId} has no usable URL and was skipped.")]
    private static partial void LogBadAttachment(ILogger logger, string transport, string eventId, int index);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blooio transport {Transport}: attachment {Index} of event {EventId} could not be downloaded; the message is stored without it.")]
    private static partial void LogAttachmentSkipped(ILogger logger, string transport, string eventId, int index);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blooio transport {Transport}: attachment {Index} of event {EventId} could not be downloaded yet; the message is stored without it and the file fetched later.")]
    private static partial void LogAttachmentPending(ILogger logger, string transport, string eventId, int index);
}
