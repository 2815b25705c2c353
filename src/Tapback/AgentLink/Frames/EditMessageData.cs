namespace Tapback.AgentLink.Frames;

/// <summary>(extension) <c>edit_message</c>: the new text of a message the agent sent.</summary>
internal sealed record EditMessageData
{
    public string? MessageId { get; init; }
    public string? Text { get; init; }

    /// <summary>The edit's own id: its key (the same id again edits once) and echoed in its report.</summary>
    public string? ClientMessageId { get; init; }
}
