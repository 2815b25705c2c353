namespace Tapback.Gateway.Actions;

/// <summary>
/// Send a read receipt: up to <see cref="MessageId"/>, or up to the chat's newest inbound message.
/// Keyed by the message read, so reading the same message twice marks it once.
/// </summary>
internal sealed record MarkReadCommand
{
    public ChatRef? Chat { get; init; }

    public string? MessageId { get; init; }
}
