namespace Tapback.Messaging;

/// <summary>The service a message came over, as webhooks' <c>service</c> and the simulator name it.</summary>
internal static class MessageServices
{
    public const string IMessage = "iMessage";
    public const string Sms = "SMS";

    /// <summary>
    /// A provider's name for the service (chat.db's and BlueBubbles' <c>iMessage</c>/<c>SMS</c>, Blooio's
    /// <c>imessage</c>/<c>sms</c>) as Tapback writes it; null for anything else (RCS, an unknown value).
    /// </summary>
    public static string? Of(string? provided) =>
        string.Equals(provided, IMessage, StringComparison.OrdinalIgnoreCase) ? IMessage
        : string.Equals(provided, Sms, StringComparison.OrdinalIgnoreCase) ? Sms
        : null;
}
