namespace Tapback.Gateway.Inbox;

/// <summary>What storing one inbound message did, for the steps that run once it has committed.</summary>
internal sealed record StoredInbound(string MessageId, bool Created, string? ConversationId = null, string? Link = null, bool Replied = false, bool Webhooks = false);
