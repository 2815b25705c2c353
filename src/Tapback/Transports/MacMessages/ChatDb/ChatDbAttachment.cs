namespace Tapback.Transports.MacMessages.ChatDb;

/// <summary>A file of a chat.db message: <c>filename</c> is a path on the Mac, often starting with <c>~</c>.</summary>
internal sealed record ChatDbAttachment
{
    public string Guid { get; init; } = string.Empty;
    public string? FileName { get; init; }
    public string? MimeType { get; init; }
    public string? TransferName { get; init; }
    public long TotalBytes { get; init; }
}
