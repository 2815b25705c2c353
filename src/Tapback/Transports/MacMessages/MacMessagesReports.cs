using Tapback.Messaging;

namespace Tapback.Transports.MacMessages;

/// <summary>
/// The <c>macmessages_messages.reported</c> values: the furthest report made for one of our sends
/// (null until the first). Each is also the tail of that report's event id, so a report is made once.
/// </summary>
internal static class MacMessagesReports
{
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Failed = "failed";

    public static string Of(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Sent => Sent,
        DeliveryStatus.Delivered => Delivered,
        DeliveryStatus.Read => Read,
        DeliveryStatus.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
