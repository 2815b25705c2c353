namespace Tapback.Messaging;

/// <summary>
/// What Apple lets a sender do to an iMessage already sent: up to 5 edits, each within 15 minutes of
/// the send, and an unsend within 2 minutes. Outside them Messages refuses, so Tapback refuses first.
/// </summary>
internal static class MessageChangeWindows
{
    public const int MaxEdits = 5;

    public static readonly TimeSpan Edit = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan Unsend = TimeSpan.FromMinutes(2);
}
