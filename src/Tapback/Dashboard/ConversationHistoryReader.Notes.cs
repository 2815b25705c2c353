using System.Data.Common;
using Dapper;

namespace Tapback.Dashboard;

/// <summary>The lines between the messages: session starts, summaries, agent errors.</summary>
internal sealed partial class ConversationHistoryReader
{
    private static async Task<IEnumerable<HistoryItem>> NotesAsync(
        DbConnection connection,
        string conversationId,
        SessionSummary? session,
        IReadOnlyList<SessionSummary> sessions,
        long afterSeq,
        long uptoSeq,
        IReadOnlyList<(long Seq, long CreatedAt)> shown,
        CancellationToken cancellationToken)
    {
        var notes = new List<HistoryItem>();
        notes.AddRange(sessions
            .Where(candidate => session is null ? candidate.StartsAfterSeq >= afterSeq : candidate.Id == session.Id)
            .Select(candidate => new HistoryItem
            {
                Kind = "session",
                Id = candidate.Id,
                At = candidate.StartedAt,
                Seq = candidate.StartsAfterSeq,
                Text = candidate.EndReason is null ? "Session started" : $"Session started (ended: {candidate.EndReason})",
            }));

        var summaries = await connection.QueryAsync<(string Id, string SessionId, long UptoSeq, string Body, long CreatedAt)>(new CommandDefinition(
            """
            SELECT id, session_id, upto_seq, body, created_at FROM summaries
            WHERE conversation_id = @conversationId AND upto_seq > @afterSeq AND upto_seq <= @uptoSeq AND (@sessionId IS NULL OR session_id = @sessionId)
            ORDER BY upto_seq, created_at
            """,
            new { conversationId, afterSeq, uptoSeq, sessionId = session?.Id },
            cancellationToken: cancellationToken));
        notes.AddRange(summaries.Select(summary => new HistoryItem
        {
            Kind = "summary",
            Id = summary.Id,
            At = DateTimeOffset.FromUnixTimeMilliseconds(summary.CreatedAt),
            Seq = summary.UptoSeq,
            Text = summary.Body,
        }));

        var errors = await connection.QueryAsync<(long Id, string Kind, string Detail, long At)>(new CommandDefinition(
            "SELECT id, kind, detail, at FROM agent_errors WHERE conversation_id = @conversationId AND (@sessionId IS NULL OR session_id = @sessionId) ORDER BY id DESC LIMIT 50",
            new { conversationId, sessionId = session?.Id },
            cancellationToken: cancellationToken));
        // An error row has a time, not a seq: it sits after the last shown message stored before it.
        foreach (var error in errors)
        {
            var before = shown.LastOrDefault(message => message.CreatedAt <= error.At);
            if (before.Seq > 0)
            {
                notes.Add(new HistoryItem
                {
                    Kind = "error",
                    Id = $"err_{error.Id}",
                    At = DateTimeOffset.FromUnixTimeMilliseconds(error.At),
                    Seq = before.Seq,
                    Text = $"{error.Kind}: {error.Detail}",
                });
            }
        }

        return notes;
    }
}
