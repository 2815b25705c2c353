using System.Text.Json;
using Dapper;
using Tapback.AgentLink.Frames;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Storage;

namespace Tapback.AgentLink;

/// <summary>Turns a queue row into the frame a client receives; null when what it named is gone (purged).</summary>
internal sealed partial class AgentEvents(Database database, FileUrls fileUrls, Microsoft.Extensions.Options.IOptions<AgentLinkOptions> options)
{
    public async Task<byte[]?> ToFrameAsync(LinkEvent row, Uri baseAddress, bool withSeq, CancellationToken cancellationToken = default)
    {
        long? seq = withSeq ? row.Seq : null;
        await using var connection = await database.OpenAsync(cancellationToken);
        switch (row.Kind)
        {
            case AgentQueueKinds.Message or AgentQueueKinds.MessageUpdated:
                var message = await connection.QuerySingleOrDefaultAsync<MessageRow>(new CommandDefinition(
                    """
                    SELECT m.id AS Id, m.sender AS Sender, m.body AS Body, m.created_at AS CreatedAt, c.id AS ChatId, c.display_name AS ChatName,
                           m.reply_to AS ReplyTo, m.effect AS Effect, m.service AS Service, m.edited_at AS EditedAt, m.unsent_at AS UnsentAt,
                           CASE WHEN EXISTS (SELECT 1 FROM attachments a WHERE a.message_id = m.id) THEN 1 ELSE 0 END AS HasFiles
                    FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = @MessageId
                    """,
                    new { row.MessageId },
                    cancellationToken: cancellationToken));
                if (message is null)
                {
                    return null;
                }

                var parts = new List<MessagePart>();
                if (message.Body.Length > 0)
                {
                    parts.Add(MessagePart.Text(message.Body));
                }

                // An unsent message's files are no longer the agent's to fetch, as its text is not.
                // Most messages carry no file: asking first in the message's own query saves them a round trip.
                var files = message.UnsentAt is not null || message.HasFiles == 0 ? [] : await connection.QueryAsync<(string Id, string FileName, string ContentType, long SizeBytes)>(new CommandDefinition(
                    "SELECT id, file_name, content_type, size_bytes FROM attachments WHERE message_id = @MessageId ORDER BY created_at, position, id",
                    new { row.MessageId },
                    cancellationToken: cancellationToken));
                foreach (var file in files)
                {
                    var (url, _) = await fileUrls.SignAsync(baseAddress, AgentLinkEndpoints.FilePath(file.Id), options.Value.FileUrlLifetime, cancellationToken);
                    parts.Add(new MessagePart { Type = "media", Url = url, MimeType = file.ContentType, Filename = file.FileName, SizeBytes = file.SizeBytes });
                }

                // message.updated is the same message again, whole, once a file it waited for has arrived.
                return Frame.Serialize(
                    row.Kind == AgentQueueKinds.MessageUpdated ? FrameTypes.MessageUpdated : FrameTypes.MessageReceived,
                    new MessageReceivedData(message.Id, message.ChatId, message.ChatName, message.Sender, parts, DateTimeOffset.FromUnixTimeMilliseconds(message.CreatedAt))
                    {
                        ReplyTo = message.ReplyTo,
                        Effect = message.Effect,
                        Service = message.Service,
                        EditedAt = ConversationReader.At(message.EditedAt),
                        UnsentAt = ConversationReader.At(message.UnsentAt),
                    },
                    AgentLinkJsonContext.Wire.MessageReceivedData,
                    seq);

            case AgentQueueKinds.Reaction:
                return await ConversationReader.FindReactionAsync(connection, null, row.ReactionId, cancellationToken) is not { } found
                    ? null
                    : Frame.Serialize(
                        found.Removed ? FrameTypes.ReactionRemoved : FrameTypes.ReactionAdded,
                        new ReactionData(found.MessageId, found.Reaction, found.Sender, row.ConversationId),
                        AgentLinkJsonContext.Wire.ReactionData,
                        seq);

            case AgentQueueKinds.MessageSent:
                return Frame.Serialize(
                    FrameTypes.MessageSent,
                    new MessageSentData(row.MessageId ?? string.Empty, row.ConversationId, Payload(row)?.ClientMessageId),
                    AgentLinkJsonContext.Wire.MessageSentData,
                    seq);

            case AgentQueueKinds.MessageFailed:
                var failure = Payload(row);
                return Frame.Serialize(
                    FrameTypes.MessageFailed,
                    new MessageFailedData(row.ConversationId, failure?.Error ?? "The message could not be sent.", row.MessageId, failure?.ClientMessageId, failure?.Operation),
                    AgentLinkJsonContext.Wire.MessageFailedData,
                    seq);

            case AgentQueueKinds.MessageHeld:
                var hold = Payload(row);
                return Frame.Serialize(
                    FrameTypes.MessageHeld,
                    new MessageHeldData(row.MessageId ?? string.Empty, row.ConversationId, hold?.ClientMessageId, hold?.Reason ?? string.Empty, hold?.Detail ?? string.Empty),
                    AgentLinkJsonContext.Wire.MessageHeldData,
                    seq);

            case AgentQueueKinds.MessageDelivered or AgentQueueKinds.MessageRead:
                return Frame.Serialize(
                    row.Kind,
                    new MessageStatusData(row.MessageId ?? string.Empty, row.ConversationId),
                    AgentLinkJsonContext.Wire.MessageStatusData,
                    seq);

            case AgentQueueKinds.MessageEdited or AgentQueueKinds.MessageUnsent:
                return await ChangeFrameAsync(connection, row, seq, cancellationToken);

            case AgentQueueKinds.TypingStarted or AgentQueueKinds.TypingStopped:
                return TypingFrame(row, seq);

            case AgentQueueKinds.ConversationPaused or AgentQueueKinds.ConversationResumed:
                return PauseFrame(row, seq);

            default:
                return null;
        }
    }

    private static AgentQueuePayload? Payload(LinkEvent row) =>
        row.Payload is null ? null : JsonSerializer.Deserialize(row.Payload, AgentQueueJsonContext.Wire.AgentQueuePayload);

    private sealed record MessageRow
    {
        public string Id { get; init; } = string.Empty;
        public string Sender { get; init; } = string.Empty;
        public string Body { get; init; } = string.Empty;
        public long CreatedAt { get; init; }
        public string ChatId { get; init; } = string.Empty;
        public string? ChatName { get; init; }
        public string? ReplyTo { get; init; }
        public string? Effect { get; init; }
        public string? Service { get; init; }
        public long? EditedAt { get; init; }
        public long? UnsentAt { get; init; }
        public long HasFiles { get; init; }
    }
}
