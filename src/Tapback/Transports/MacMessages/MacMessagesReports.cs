using Tapback.Messaging;

namespace Tapback.Transports.MacMessages;

/// <summary>
/// The <c>macmessages_messages.reported</c> values: the furthest report made for one of our sends,
/// null until the first. Each is also the tail of that report's event id, so a report is made once.
/// </summary>
internal static class MacMessagesReports
{
    /// <summary>The one report a later one (read) may still follow, so its send stays open.</summary>
    public const string Delivered = "delivered";

    /// <summary>The status's name in lower case: "delivered", "read" or "failed".</summary>
    public static string Of(DeliveryStatus status) => status.ToString().ToLowerInvariant();
}
