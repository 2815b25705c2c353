namespace Tapback.Gateway.Attachments.Pending;

/// <summary>A stored message's file still to fetch, as its transport's <see cref="IPendingAttachmentSource"/> is given it.</summary>
internal sealed record PendingAttachment
{
    public required string Transport { get; init; }

    public required string Key { get; init; }

    public required string MessageId { get; init; }

    public required long Position { get; init; }

    public required string Source { get; init; }

    public string? FileName { get; init; }

    public string? ContentType { get; init; }

    public required long Tries { get; init; }
}
