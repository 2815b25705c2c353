namespace Tapback.Diagnostics;

/// <summary>The <c>result</c> tag of <c>tapback.outbox.sends</c>.</summary>
internal static class OutboxResults
{
    public const string Sent = "sent";
    public const string Retry = "retry";
    public const string Failed = "failed";

    /// <summary>The provider may or may not have sent it; the row is reconciled or reported.</summary>
    public const string Unknown = "unknown";
}
