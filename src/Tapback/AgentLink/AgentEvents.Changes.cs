using System.Data.Common;
using Tapback.Gateway.Conversations;
using Tapback.AgentLink.Frames;
using Tapback.Gateway.AgentQueue;

namespace Tapback.AgentLink;

/// <summary>The person's edits, unsends and typing as frames (Tapback extensions, docs/protocol.md).</summary>
internal sealed partial class AgentEvents
{
    /// <summary>
    /// <c>message.edited</c> / <c>message.unsent</c> with the message as it stands now
    /// (<see cref="ConversationReader.FindChangeAsync"/>: an edit delivered after a later unsend carries no text).
    /// </summary>
    private static async Task<byte[]?> ChangeFrameAsync(DbConnection connection, LinkEvent row, long? seq, CancellationToken cancellationToken)
    {
        if (await ConversationReader.FindChangeAsync(connection, row.MessageId, cancellationToken) is not { } change)
        {
            return null;
        }

        var edited = row.Kind == AgentQueueKinds.MessageEdited;
        return Frame.Serialize(
            edited ? FrameTypes.MessageEdited : FrameTypes.MessageUnsent,
            new MessageChangedData(row.MessageId!, row.ConversationId, change.Sender)
            {
                Text = edited ? change.Text : null,
                EditedAt = edited ? change.EditedAt : null,
                UnsentAt = change.UnsentAt,
            },
            AgentLinkJsonContext.Wire.MessageChangedData,
            seq);
    }

    private static byte[] TypingFrame(LinkEvent row, long? seq) =>
        Frame.Serialize(
            row.Kind == AgentQueueKinds.TypingStarted ? FrameTypes.TypingStarted : FrameTypes.TypingStopped,
            new TypingData(row.ConversationId) { At = ConversationReader.At(row.CreatedAt) },
            AgentLinkJsonContext.Wire.TypingData,
            seq);
}
