namespace Tapback.Transports.BlueBubbles.Api;

/// <summary>
/// The data of a <c>typing-indicator</c> webhook (Private API): <c>display</c> true while the person
/// types, <c>guid</c> the chat's guid. The server sends it for one-to-one chats only.
/// </summary>
internal sealed record TypingIndicator
{
    public bool? Display { get; init; }

    public string? Guid { get; init; }
}
