namespace Tapback.Gateway.Actions;

/// <summary>
/// Take back a message the agent sent: a send still scheduled or queued is cancelled, a sent one is
/// unsent. Keyed by the message, so asking twice does it once.
/// </summary>
internal sealed record UnsendCommand
{
    public required string MessageId { get; init; }
}
