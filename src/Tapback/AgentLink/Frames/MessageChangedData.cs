namespace Tapback.AgentLink.Frames;

/// <summary>
/// (extension) <c>message.edited</c> / <c>message.unsent</c>: the person changed a message they sent.
/// <see cref="Text"/> is its text as it stands when the frame is written (a later edit or unsend shows).
/// </summary>
internal sealed record MessageChangedData(string MessageId, string ChatId, string From)
{
    /// <summary><c>message.edited</c>: the new text.</summary>
    public string? Text { get; init; }

    public DateTimeOffset? EditedAt { get; init; }

    public DateTimeOffset? UnsentAt { get; init; }
}
