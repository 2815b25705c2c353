namespace Tapback.Transports.BlueBubbles.Api;

/// <summary>The webhook types Tapback acts on; the server sends more (group changes, FaceTime), which are ignored.</summary>
internal static class BlueBubblesEventTypes
{
    public const string NewMessage = "new-message";
    public const string UpdatedMessage = "updated-message";

    /// <summary>The person's typing indicator (Private API): <c>{display, guid}</c>.</summary>
    public const string TypingIndicator = "typing-indicator";

    /// <summary>Sent when the server starts: whatever arrived while it (or we) were down is caught up.</summary>
    public const string HelloWorld = "hello-world";
}
