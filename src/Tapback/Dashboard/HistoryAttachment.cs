namespace Tapback.Dashboard;

/// <summary>A file on a message, with what the agent made of it (a voice note's transcript).</summary>
internal sealed record HistoryAttachment
{
    public required string Id { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required long SizeBytes { get; init; }
    public required string Url { get; init; }
    public string? Transcript { get; init; }
}
