namespace Tapback.Gateway.Governor;

/// <summary>One held send in <c>GET /api/admin/held</c>.</summary>
internal sealed record HeldView
{
    public required string MessageId { get; init; }

    public required string ConversationId { get; init; }

    /// <summary>The transport's chat: the person's handle, or the group's id.</summary>
    public required string ChatId { get; init; }

    /// <summary>The integration whose agent asked for the send; absent for the built-in agent.</summary>
    public string? IntegrationId { get; init; }

    public required string Transport { get; init; }

    /// <summary>unanswered_limit, recipient_rate, new_conversations, outbound_ratio or conversation_paused.</summary>
    public required string Reason { get; init; }

    /// <summary>The limit and its figures, in a sentence.</summary>
    public required string Detail { get; init; }

    public required DateTimeOffset HeldAt { get; init; }

    /// <summary>When the governor looks at it again by itself; absent when only an event releases it (the person's answer, a resume, an operator).</summary>
    public DateTimeOffset? ReleaseAt { get; init; }

    /// <summary>The start of the message's text.</summary>
    public required string Preview { get; init; }
}

/// <summary>A page of held sends, oldest first.</summary>
internal sealed record HeldList(IReadOnlyList<HeldView> Items, string? NextCursor);

/// <summary>What a release or discard left: the message and its state (queued or failed).</summary>
internal sealed record HeldChangeResult(string MessageId, string State);
