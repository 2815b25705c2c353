namespace Tapback.Gateway.Inbox;

/// <summary>An inbound message just stored and queued for <see cref="Link"/>, as an <see cref="IInboundWatch"/> sees it.</summary>
/// <param name="At">When it was stored (Unix ms): its <c>created_at</c>.</param>
internal sealed record WatchedInbound(string ConversationId, string MessageId, string Transport, bool IsGroup, string Link, long At);
