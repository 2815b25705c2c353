namespace Tapback.Transports.BlueBubbles;

/// <summary>A file of a stored message that the server could not hand over yet.</summary>
internal sealed record BlueBubblesPendingFile
{
    public required string AttachmentGuid { get; init; }

    public required string MessageId { get; init; }

    public string? FileName { get; init; }

    public string? MimeType { get; init; }

    /// <summary>Where it stood among the message's files.</summary>
    public required long Position { get; init; }
}
