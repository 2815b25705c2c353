using System.Data.Common;
using Dapper;
using Tapback.Agent.Media.Voice;
using Tapback.Gateway.Governor.Loops;
using Tapback.Storage;

namespace Tapback.Dashboard;

/// <summary>
/// A conversation's history for the dashboard: messages with their tapbacks, files (and voice-note
/// transcripts) and approvals, the agent's summaries and errors, and where each session starts.
/// </summary>
internal sealed partial class ConversationHistoryReader(Database database, ConversationDirectory directory, ConversationPauseStore pauses)
{
    private const int MaxMessages = 500;

    /// <summary>The history, or one session's part of it; null when there is no such conversation or session.</summary>
    public async Task<ConversationHistory?> ReadAsync(string conversationId, string? sessionId, CancellationToken cancellationToken = default)
    {
        var conversation = await directory.FindAsync(conversationId, cancellationToken);
        if (conversation is null)
        {
            return null;
        }

        var session = sessionId is null ? null : conversation.Sessions.FirstOrDefault(candidate => candidate.Id == sessionId);
        if (sessionId is not null && session is null)
        {
            return null;
        }

        var afterSeq = session?.StartsAfterSeq ?? 0;
        var uptoSeq = session?.EndsAtSeq ?? long.MaxValue;
        await using var connection = await database.OpenAsync(cancellationToken);
        var messages = await MessagesAsync(connection, conversationId, afterSeq, uptoSeq, cancellationToken);
        var ids = messages.Select(message => message.Id).ToArray();
        var attachments = await AttachmentsAsync(connection, ids, cancellationToken);
        var reactions = await ReactionsAsync(connection, conversationId, ids, cancellationToken);
        var approvals = await ApprovalsAsync(connection, conversationId, ids, cancellationToken);
        var edits = await EditsAsync(connection, [.. messages.Where(message => message.EditedAt is not null).Select(message => message.Id)], cancellationToken);

        var items = new List<HistoryItem>(messages.Count + 8);
        items.AddRange(messages.Select(message => message.ToItem(attachments[message.Id], reactions[message.Id], approvals[message.Id], edits[message.Id])));
        var firstSeq = messages.Count > 0 ? messages[0].Seq - 1 : afterSeq;
        var shown = messages.Select(message => (message.Seq, message.CreatedAt)).ToList();
        items.AddRange(await NotesAsync(connection, conversationId, session, conversation.Sessions, firstSeq, uptoSeq, shown, cancellationToken));
        items.AddRange(PauseNotes(await pauses.ListAsync(conversationId, cancellationToken), shown));
        return new ConversationHistory
        {
            Conversation = conversation,
            SessionId = session?.Id,
            Items = [.. items.OrderBy(item => item.Seq).ThenBy(item => item.Kind == "message" ? 1 : 0).ThenBy(item => item.At)],
            Truncated = messages.Count == MaxMessages,
        };
    }

    private static async Task<List<MessageRow>> MessagesAsync(DbConnection connection, string conversationId, long afterSeq, long uptoSeq, CancellationToken cancellationToken)
    {
        var newestFirst = await connection.QueryAsync<MessageRow>(new CommandDefinition(
            $"""
            SELECT seq AS Seq, id AS Id, direction AS Direction, sender AS Sender, body AS Body, state AS State,
                   created_at AS CreatedAt, reply_to AS ReplyTo, effect AS Effect, service AS Service, edited_at AS EditedAt, unsent_at AS UnsentAt
            FROM messages
            WHERE conversation_id = @conversationId AND seq > @afterSeq AND seq <= @uptoSeq
            ORDER BY seq DESC
            LIMIT {MaxMessages}
            """,
            new { conversationId, afterSeq, uptoSeq },
            cancellationToken: cancellationToken));
        return [.. newestFirst.Reverse()];
    }

    private static async Task<ILookup<string, HistoryAttachment>> AttachmentsAsync(DbConnection connection, string[] messageIds, CancellationToken cancellationToken)
    {
        var rows = messageIds.Length == 0 ? [] : await connection.QueryAsync<AttachmentRow>(new CommandDefinition(
            $"""
            SELECT a.id AS Id, a.message_id AS MessageId, a.file_name AS FileName, a.content_type AS ContentType, a.size_bytes AS SizeBytes,
                   t.text AS Transcript
            FROM attachments a LEFT JOIN attachment_transcripts t ON t.attachment_id = a.id AND t.state = '{TranscriptStates.Done}'
            WHERE a.message_id {SqlDialect.InList(connection, "@messageIds")}
            ORDER BY a.created_at, a.position, a.id
            """,
            new { messageIds },
            cancellationToken: cancellationToken));
        return rows.ToLookup(row => row.MessageId, row => row.ToAttachment(), StringComparer.Ordinal);
    }

    // An edit keeps the text it replaced in message_edits, in order (Gateway/Inbox/Inbox.Changes.cs).
    private static async Task<ILookup<string, string>> EditsAsync(DbConnection connection, string[] messageIds, CancellationToken cancellationToken)
    {
        var rows = messageIds.Length == 0 ? [] : await connection.QueryAsync<(string MessageId, string Body)>(new CommandDefinition(
            $"SELECT message_id, body FROM message_edits WHERE message_id {SqlDialect.InList(connection, "@messageIds")} ORDER BY id",
            new { messageIds },
            cancellationToken: cancellationToken));
        return rows.ToLookup(row => row.MessageId, row => row.Body, StringComparer.Ordinal);
    }

    // Reactions are a log of adds and removes; what stands is each sender's last word per message and kind.
    private static async Task<ILookup<string, HistoryReaction>> ReactionsAsync(DbConnection connection, string conversationId, string[] messageIds, CancellationToken cancellationToken)
    {
        var rows = messageIds.Length == 0 ? [] : await connection.QueryAsync<(string MessageId, string Sender, string Reaction, bool Removed)>(new CommandDefinition(
            $"SELECT message_id, sender, reaction, removed FROM reactions WHERE conversation_id = @conversationId AND message_id {SqlDialect.InList(connection, "@messageIds")} ORDER BY id",
            new { conversationId, messageIds },
            cancellationToken: cancellationToken));
        var standing = new Dictionary<(string MessageId, string Sender, string Reaction), bool>();
        foreach (var row in rows)
        {
            standing[(row.MessageId, row.Sender, row.Reaction)] = !row.Removed;
        }

        return standing.Where(entry => entry.Value)
            .ToLookup(entry => entry.Key.MessageId, entry => new HistoryReaction(entry.Key.Sender, entry.Key.Reaction), StringComparer.Ordinal);
    }

    private static async Task<ILookup<string, HistoryApproval>> ApprovalsAsync(DbConnection connection, string conversationId, string[] messageIds, CancellationToken cancellationToken)
    {
        var rows = messageIds.Length == 0 ? [] : await connection.QueryAsync<ApprovalRow>(new CommandDefinition(
            $"""
            SELECT bubble_message_id AS BubbleMessageId, tool_name AS ToolName, arguments AS Arguments, state AS State,
                   decided_by AS DecidedBy, decided_at AS DecidedAt
            FROM approvals WHERE conversation_id = @conversationId AND bubble_message_id {SqlDialect.InList(connection, "@messageIds")}
            ORDER BY created_at, rowid
            """,
            new { conversationId, messageIds },
            cancellationToken: cancellationToken));
        return rows.ToLookup(row => row.BubbleMessageId, row => row.ToApproval(), StringComparer.Ordinal);
    }
}
