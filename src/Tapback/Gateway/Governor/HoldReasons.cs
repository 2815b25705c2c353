namespace Tapback.Gateway.Governor;

/// <summary>
/// Why the send governor holds a send: the <c>reason</c> of <c>message.held</c> on every surface and of
/// the operator's held list, stored in <c>outbox.held_reason</c>. docs/governor.md explains each one.
/// </summary>
internal static class HoldReasons
{
    /// <summary><c>UnansweredLimit</c> messages went to the person since their last message; their next message releases it.</summary>
    public const string UnansweredLimit = "unanswered_limit";

    /// <summary><c>PerRecipientPerMinute</c> messages went to the person in the last 60 s; released when the minute frees up.</summary>
    public const string RecipientRate = "recipient_rate";

    /// <summary>The number started <c>NewConversationsPerDay</c> conversations in the last day; released when the day frees up.</summary>
    public const string NewConversations = "new_conversations";

    /// <summary>The number's outbound:inbound ratio over the last day passed its limit; released as it falls back.</summary>
    public const string OutboundRatio = "outbound_ratio";

    /// <summary>The loop breaker paused the conversation (two programs talking); released when an operator resumes it.</summary>
    public const string ConversationPaused = "conversation_paused";

    public static IReadOnlyList<string> All { get; } = [UnansweredLimit, RecipientRate, NewConversations, OutboundRatio, ConversationPaused];
}
