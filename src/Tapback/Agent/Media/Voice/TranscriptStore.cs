using Dapper;
using Tapback.Storage;

namespace Tapback.Agent.Media.Voice;

/// <summary>
/// Voice-note transcripts by attachment, so a history shown on every turn is transcribed once. Saved in
/// the group commit on SQLite: a write of its own waited in SQLite's sleeping busy handler behind the
/// inbound batches.
/// </summary>
internal sealed class TranscriptStore(Database database, Tapback.Storage.GroupCommits.GroupCommit groupCommit, TimeProvider time)
{
    public const string Done = "done";
    public const string Failed = "failed";

    public async Task<StoredTranscript?> FindAsync(string attachmentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredTranscript>(new CommandDefinition(
            "SELECT attachment_id AS AttachmentId, state AS State, text AS Text, error AS Error, attempts AS Attempts FROM attachment_transcripts WHERE attachment_id = @attachmentId",
            new { attachmentId },
            cancellationToken: cancellationToken));
    }

    public async Task SaveDoneAsync(string attachmentId, string text, string provider, string model, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await groupCommit.ExecuteAsync(
            $"""
            INSERT INTO attachment_transcripts (attachment_id, state, text, provider, model, error, attempts, created_at, updated_at)
            VALUES (@attachmentId, '{TranscriptStates.Done}', @text, @provider, @model, NULL, 1, @now, @now)
            ON CONFLICT (attachment_id) DO UPDATE SET
                state = '{TranscriptStates.Done}', text = excluded.text, provider = excluded.provider, model = excluded.model,
                error = NULL, attempts = attachment_transcripts.attempts + 1, updated_at = excluded.updated_at
            """,
            new { attachmentId, text, provider, model, now },
            cancellationToken);
    }

    /// <summary>Counts a failed attempt; the caller stops trying after a few.</summary>
    public async Task SaveFailedAsync(string attachmentId, string error, string? provider, string? model, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await groupCommit.ExecuteAsync(
            $"""
            INSERT INTO attachment_transcripts (attachment_id, state, text, provider, model, error, attempts, created_at, updated_at)
            VALUES (@attachmentId, '{TranscriptStates.Failed}', NULL, @provider, @model, @error, 1, @now, @now)
            ON CONFLICT (attachment_id) DO UPDATE SET
                state = '{TranscriptStates.Failed}', provider = excluded.provider, model = excluded.model, error = excluded.error,
                attempts = attachment_transcripts.attempts + 1, updated_at = excluded.updated_at
            WHERE attachment_transcripts.state <> '{TranscriptStates.Done}'
            """,
            new { attachmentId, error, provider, model, now },
            cancellationToken);
    }
}
