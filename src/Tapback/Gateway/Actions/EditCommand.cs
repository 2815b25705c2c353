namespace Tapback.Gateway.Actions;

/// <summary>Replace the text of a message the agent sent (or of its send still waiting to go).</summary>
internal sealed record EditCommand
{
    public required string MessageId { get; init; }

    public required string Text { get; init; }

    /// <summary>The caller's key, under the same rule as a send's.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The caller's own id for the edit, echoed in the <c>message.edited</c> / <c>message.failed</c> report.</summary>
    public string? ClientMessageId { get; init; }
}
