namespace Tapback.Gateway.Governor.Loops;

/// <summary>
/// <c>conversation.paused</c>, as the agent queue stores it and both surfaces render it: the WebSocket
/// frame's <c>data</c> in camelCase, the webhook's in snake_case (docs/protocol.md, docs/webhooks.md).
/// </summary>
internal sealed record ConversationPausedEvent
{
    /// <summary>The conversation's id, which every surface calls the chat id.</summary>
    public required string ChatId { get; init; }

    /// <summary><see cref="PauseReasons"/>: loop_suspected.</summary>
    public required string Reason { get; init; }

    public required PauseEvidence Evidence { get; init; }

    public required DateTimeOffset PausedAt { get; init; }
}

/// <summary>What tripped the loop breaker, as integrations hear it: its kind, the rounds and one sentence.</summary>
internal sealed record PauseEvidence
{
    public required string Kind { get; init; }

    public required int Rounds { get; init; }

    public required string Detail { get; init; }
}
