namespace Tapback.Transports.Simulator;

internal static class PhoneEventTypes
{
    public const string MessageSent = "message.sent";
    public const string MessageReceived = "message.received";
    public const string MessageEdited = "message.edited";
    public const string MessageUnsent = "message.unsent";
    public const string Read = "read";
    public const string TypingStarted = "typing.started";
    public const string TypingStopped = "typing.stopped";
    public const string Reaction = "reaction";
}
