using System.Text.Json;
using Tapback.AgentLink.Frames;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Governor.Loops;

namespace Tapback.AgentLink;

/// <summary>The loop breaker's news as frames (Tapback extensions, docs/protocol.md): the stored event, as it was when it happened.</summary>
internal sealed partial class AgentEvents
{
    private static byte[]? PauseFrame(LinkEvent row, long? seq)
    {
        if (row.Payload is null)
        {
            return null;
        }

        return row.Kind == AgentQueueKinds.ConversationPaused
            ? Frame.Serialize(
                FrameTypes.ConversationPaused,
                JsonSerializer.Deserialize(row.Payload, LoopBreakerJsonContext.Wire.ConversationPausedEvent)!,
                AgentLinkJsonContext.Wire.ConversationPausedEvent,
                seq)
            : Frame.Serialize(
                FrameTypes.ConversationResumed,
                JsonSerializer.Deserialize(row.Payload, LoopBreakerJsonContext.Wire.ConversationResumedEvent)!,
                AgentLinkJsonContext.Wire.ConversationResumedEvent,
                seq);
    }
}
