namespace Tapback.Gateway.Inbox;

/// <summary>The message an inbound event became, and whether this call created it (false for a repeat).</summary>
internal sealed record InboxResult(string MessageId, bool Created);
