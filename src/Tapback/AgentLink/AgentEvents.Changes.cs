using System.Data.Common;
using Dapper;
using Tapback.AgentLink.Frames;
using Tapback.Gateway.AgentQueue;

namespace Tapback.AgentLink;

/// <summary>The person's edits, unsends and typing as frames (Tapback extensions, docs/protocol.md).</summary>
internal sealed partial class AgentEvents
{
    private static DateTimeOffset? At(long? unixMs) => unixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>
    /// <c>message.edited</c> / <c>message.unsent</c> with the message as it stands now: an edit delivered
    /// after a later unsend carries no text, so an unsent text never leaves the store again.
    /// </summary>
    private static async Task<byte[]?> ChangeFrameAsync(DbConnection connection, LinkEvent row, long? seq, CancellationToken cancellationToken)
    {
        var message = await connection.QuerySingleOrDefaultAsync<(string Sender, string Body, long? EditedAt, long? UnsentAt)?>(new CommandDefinition(
            "SELECT sender, body, edited_at, unsent_at FROM messages WHERE id = @MessageId",
            new { row.MessageId },
            cancellationToken: cancellationToken));
        if (message is not { } found)
        {
            return null;
        }

        var edited = row.Kind == AgentQueueKinds.MessageEdited;
        return Frame.Serialize(
            edited ? FrameTypes.MessageEdited : FrameTypes.MessageUnsent,
            new MessageChangedData(row.MessageId!, row.ConversationId, found.Sender)
            {
                Text = edited && found.UnsentAt is null ? found.Body : null,
                EditedAt = edited ? At(found.EditedAt) : null,
                UnsentAt = At(found.UnsentAt),
            },
            AgentLinkJsonContext.Wire.MessageChangedData,
            seq);
    }

    private static byte[] TypingFrame(LinkEvent row, long? seq) =>
        Frame.Serialize(
            row.Kind == AgentQueueKinds.TypingStarted ? FrameTypes.TypingStarted : FrameTypes.TypingStopped,
            new TypingData(row.ConversationId) { At = At(row.CreatedAt) },
            AgentLinkJsonContext.Wire.TypingData,
            seq);
}
