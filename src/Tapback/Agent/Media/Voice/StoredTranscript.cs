namespace Tapback.Agent.Media.Voice;

/// <summary>A voice note's transcript, or its failed attempts, as kept in <c>attachment_transcripts</c>.</summary>
internal sealed record StoredTranscript
{
    public required string AttachmentId { get; init; }

    /// <summary><c>done</c> or <c>failed</c>.</summary>
    public required string State { get; init; }

    public string? Text { get; init; }

    public string? Error { get; init; }

    public required int Attempts { get; init; }

    public bool IsDone => State == TranscriptStore.Done;
}
