namespace Tapback.Gateway.Outbox;

/// <summary>The <c>outbox.kind</c> column's values.</summary>
internal static class OutboxKinds
{
    public const string Message = "message";
    public const string TypingOn = "typing_on";
    public const string TypingOff = "typing_off";
    public const string Read = "read";
    public const string React = "react";
    public const string Unreact = "unreact";

    /// <summary>An edit of a message an agent sent (<c>message_id</c> names it).</summary>
    public const string Edit = "edit";

    /// <summary>An unsend of a message an agent sent (<c>message_id</c> names it).</summary>
    public const string Unsend = "unsend";

    public static string Of(AgentActionKind kind) => kind switch
    {
        AgentActionKind.Message => Message,
        AgentActionKind.TypingOn => TypingOn,
        AgentActionKind.TypingOff => TypingOff,
        AgentActionKind.MarkRead => Read,
        AgentActionKind.React => React,
        AgentActionKind.Unreact => Unreact,
        AgentActionKind.Edit => Edit,
        AgentActionKind.Unsend => Unsend,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
