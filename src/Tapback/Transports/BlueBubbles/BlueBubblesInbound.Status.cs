using Tapback.Gateway.Inbox;
using Tapback.Messaging;
using Tapback.Transports.BlueBubbles.Api;

namespace Tapback.Transports.BlueBubbles;

internal sealed partial class BlueBubblesInbound
{
    /// <summary>
    /// An <c>updated-message</c> (no <c>chats</c> on it): about one of our sends, delivered, read, or
    /// failed; about the person's message, an edit or an unsend (BlueBubblesInbound.Changes).
    /// Anything else updated (an inbound message read on the Mac) is ignored.
    /// </summary>
    public async Task<BlueBubblesIngestOutcome> ReceiveUpdateAsync(BlueBubblesMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message.Guid))
        {
            throw new BlueBubblesInvalidEventException("data.guid is missing.");
        }

        if (!message.IsFromMe)
        {
            return await ReceiveChangeAsync(message, cancellationToken);
        }

        DeliveryStatus? status = message.Error is > 0 ? DeliveryStatus.Failed
            : message.DateRead is > 0 ? DeliveryStatus.Read
            : message.DateDelivered is > 0 ? DeliveryStatus.Delivered
            : null;
        if (status is not { } reported)
        {
            return BlueBubblesIngestOutcome.Ignored;
        }

        var report = new InboundStatus
        {
            Transport = name,
            // The server may send the same update again; the state is part of the id so "read" after "delivered" is new.
            EventId = $"{message.Guid}:{reported.ToString().ToLowerInvariant()}",
            ProviderMessageId = message.Guid,
            Status = reported,
            At = BlueBubblesMessages.At(reported == DeliveryStatus.Read ? message.DateRead : message.DateDelivered) ?? time.GetUtcNow(),
            Error = reported == DeliveryStatus.Failed ? $"Messages reported error {message.Error}." : null,
        };
        LogStatus(logger, name, report.ProviderMessageId, report.Status);
        return await inbox.ReceiveStatusAsync(report, cancellationToken) ? BlueBubblesIngestOutcome.Stored : BlueBubblesIngestOutcome.Duplicate;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "BlueBubbles {Transport}: message {Guid} is {Status}.")]
    private static partial void LogStatus(ILogger logger, string transport, string guid, DeliveryStatus status);
}
