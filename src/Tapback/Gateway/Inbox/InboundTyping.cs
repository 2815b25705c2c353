namespace Tapback.Gateway.Inbox;

/// <summary>
/// The person's typing indicator came on or went off in a chat. Not an event to deduplicate: only a
/// change of state is passed on, so a provider's repeated "still typing" costs one cheap update.
/// </summary>
internal sealed record InboundTyping
{
    public required string Transport { get; init; }

    /// <summary>The transport's chat id, as its messages carry it.</summary>
    public required string ChatId { get; init; }

    public required bool Typing { get; init; }
}
