namespace Tapback.Tests.Gateway.Actions;

/// <summary>
/// One agent surface driven through its own wire format. A chat is the paired phone (<c>+…</c>) or a
/// conversation id; <paramref name="inbound"/> of mark read is the message REST reads by (the others read the chat).
/// </summary>
internal interface IActionSurface : IAsyncDisposable
{
    string Name { get; }

    Task<ActionOutcome> SendAsync(string chat, string text, string? key);

    Task<ActionOutcome> ReactAsync(string messageId, string reaction, string? key);

    Task<ActionOutcome> TypingAsync(string chat, bool on);

    Task<ActionOutcome> MarkReadAsync(string chat, string inbound);
}
