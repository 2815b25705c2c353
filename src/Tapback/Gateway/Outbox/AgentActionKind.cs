namespace Tapback.Gateway.Outbox;

internal enum AgentActionKind
{
    Message,
    TypingOn,
    TypingOff,
    MarkRead,
    React,
    Unreact,
    Edit,
    Unsend,
}
