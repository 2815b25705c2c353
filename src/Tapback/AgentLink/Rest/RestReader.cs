using Dapper;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Governor;
using Tapback.Gateway.Integrations;
using Tapback.Storage;

namespace Tapback.AgentLink.Rest;

/// <summary>The read side of the REST API: an integration's conversations and messages, newest first, by keyset pages.</summary>
internal sealed class RestReader(Database database, FileUrls fileUrls, HeldSends held, IOptions<AgentLinkOptions> options)
{
    private const string MessageColumns =
        "m.seq AS Seq, m.id AS Id, m.conversation_id AS ConversationId, m.direction AS Direction, m.sender AS Sender, m.body AS Body, m.state AS State, m.created_at AS CreatedAt, m.reply_to AS ReplyTo, c.handle AS Handle, "
        + "m.effect AS Effect, m.service AS Service, m.edited_at AS EditedAt, m.unsent_at AS UnsentAt";

    public async Task<IReadOnlyList<ConversationRow>> ConversationsAsync(
        Integration integration, (long At, string Id)? before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ConversationRow>(new CommandDefinition(
            $"""
            SELECT c.id AS Id, c.transport AS Transport, c.handle AS Handle, c.is_group AS IsGroup, c.display_name AS DisplayName, c.last_message_at AS LastMessageAt
            FROM conversations c
            WHERE {IntegrationChats.Condition}
              AND (@hasCursor = 0 OR c.last_message_at < @at OR (c.last_message_at = @at AND c.id < @id))
            ORDER BY c.last_message_at DESC, c.id DESC
            LIMIT @limit
            """,
            IntegrationChats.Parameters(integration, new { hasCursor = before is null ? 0 : 1, at = before?.At ?? 0, id = before?.Id ?? string.Empty, limit }),
            cancellationToken: cancellationToken))];
    }

    public async Task<IReadOnlyList<MessageRow>> MessagesAsync(
        string conversationId, long? beforeSeq, long? sinceMs, long? untilMs, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await WithHoldsAsync([.. await connection.QueryAsync<MessageRow>(new CommandDefinition(
            $"""
            SELECT {MessageColumns}
            FROM messages m JOIN conversations c ON c.id = m.conversation_id
            WHERE m.conversation_id = @conversationId
              AND m.seq < @beforeSeq AND m.created_at >= @sinceMs AND m.created_at <= @untilMs
            ORDER BY m.seq DESC
            LIMIT @limit
            """,
            new { conversationId, beforeSeq = beforeSeq ?? long.MaxValue, sinceMs = sinceMs ?? long.MinValue, untilMs = untilMs ?? long.MaxValue, limit },
            cancellationToken: cancellationToken))], cancellationToken);
    }

    public async Task<MessageRow?> MessageAsync(string messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MessageRow>(new CommandDefinition(
            $"SELECT {MessageColumns} FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = @messageId",
            new { messageId },
            cancellationToken: cancellationToken));
        return row is null ? null : (await WithHoldsAsync([row], cancellationToken))[0];
    }

    /// <summary>A held message says why (the send governor's reason and detail); asked only when a row is held.</summary>
    private async Task<IReadOnlyList<MessageRow>> WithHoldsAsync(IReadOnlyList<MessageRow> rows, CancellationToken cancellationToken)
    {
        var heldIds = rows.Where(row => row.State == MessageStates.Held).Select(row => row.Id).ToList();
        if (heldIds.Count == 0)
        {
            return rows;
        }

        var holds = await held.HoldsOfAsync(heldIds, cancellationToken);
        return [.. rows.Select(row => holds.TryGetValue(row.Id, out var hold) ? row with { HeldReason = hold.Reason, HeldDetail = hold.Detail } : row)];
    }

    /// <summary>The files of each message, by message id, with URLs signed for <paramref name="baseAddress"/> (or Tapback:Gateway:WebSocket:PublicUrl).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<AttachmentDto>>> AttachmentsAsync(
        Uri baseAddress, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        var byMessage = new Dictionary<string, IReadOnlyList<AttachmentDto>>(StringComparer.Ordinal);
        if (messageIds.Count == 0)
        {
            return byMessage;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var files = await connection.QueryAsync<(string Id, string MessageId, string FileName, string ContentType, long SizeBytes)>(new CommandDefinition(
            $"SELECT id, message_id, file_name, content_type, size_bytes FROM attachments WHERE message_id {SqlDialect.InList(connection, "@messageIds")} ORDER BY created_at, position, id",
            new { messageIds },
            cancellationToken: cancellationToken));
        foreach (var group in files.GroupBy(file => file.MessageId, StringComparer.Ordinal))
        {
            var list = new List<AttachmentDto>();
            foreach (var file in group)
            {
                var (url, _) = await fileUrls.SignAsync(baseAddress, AgentLinkEndpoints.FilePath(file.Id), options.Value.FileUrlLifetime, cancellationToken);
                list.Add(new AttachmentDto { Url = url, MimeType = file.ContentType, Name = file.FileName, Size = file.SizeBytes });
            }

            byMessage[group.Key] = list;
        }

        return byMessage;
    }
}
