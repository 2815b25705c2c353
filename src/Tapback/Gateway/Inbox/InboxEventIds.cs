namespace Tapback.Gateway.Inbox;

/// <summary>
/// An inbound message keeps its provider's id as its inbox event id. These subqueries, with
/// <c>@transport</c>, read that mapping either way inside a caller's statement
/// (<see cref="Conversations.ConversationReader"/>'s provider id lookups).
/// </summary>
internal static class InboxEventIds
{
    /// <summary>The provider's id of the inbound message <c>@messageId</c>.</summary>
    public const string OfMessage = "SELECT event_id FROM inbox WHERE transport = @transport AND message_id = @messageId";

    /// <summary>Tapback's id of the inbound message the provider called <c>@providerId</c>.</summary>
    public const string MessageOf = "SELECT message_id FROM inbox WHERE transport = @transport AND event_id = @providerId AND message_id IS NOT NULL";
}
