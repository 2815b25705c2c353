using System.Text.Json;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Routing;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Governor.Loops;

/// <summary>
/// The one way a paused conversation goes on: the pause ends (the detector's window starts again from
/// here), the conversation's integration hears <c>conversation.resumed</c> in the same transaction, and
/// the sends held for the pause are queued again in their order and the dispatcher woken.
/// </summary>
internal sealed partial class ConversationResume(
    GroupCommit groupCommit,
    MessageRouter router,
    HeldSends heldSends,
    AgentLinkSignals linkSignals,
    TimeProvider time,
    ILogger<ConversationResume> logger)
{
    public async Task<ResumeOutcome> ResumeAsync(string conversationId, string resumedBy, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var (found, pause, link, webhooks) = await groupCommit.WriteOnSqliteAsync(
            async (connection, transaction, token) =>
            {
                var conversation = await ConversationReader.FindAsync(connection, transaction, conversationId, token);
                if (conversation is null)
                {
                    return (false, (ConversationPause?)null, (string?)null, false);
                }

                var resumed = await ConversationPauseStore.ResumeAsync(connection, transaction, conversationId, resumedBy, now, token);
                if (resumed is null)
                {
                    return (true, null, null, false);
                }

                // The integration that answers the conversation now hears it (it may have changed while paused).
                var answering = conversation.IsGroup ? null : await router.RouteAsync(connection, transaction, conversation.Transport, conversation.Handle, token);
                if (answering is null || !IntegrationLinks.TryParse(answering, out _))
                {
                    return (true, resumed, null, false);
                }

                var payload = JsonSerializer.Serialize(
                    new ConversationResumedEvent { ChatId = conversationId, ResumedAt = DateTimeOffset.FromUnixTimeMilliseconds(now) },
                    LoopBreakerJsonContext.Wire.ConversationResumedEvent);
                var wroteWebhook = await AgentQueueStore.EnqueueAsync(
                    connection, transaction, answering, conversationId, AgentQueueKinds.ConversationResumed, messageId: null, reactionId: null, payload, now, token);
                return (true, resumed, answering, wroteWebhook);
            },
            cancellationToken);
        if (!found)
        {
            return ResumeOutcome.NotFound;
        }

        // Released after the pause ended, so the dispatcher's look at them finds no pause. A crash in
        // between leaves held rows and no pause: a second resume releases them (and answers as a resume).
        var released = await heldSends.ReleaseConversationAsync(conversationId, HoldReasons.ConversationPaused, cancellationToken);

        if (pause is null)
        {
            return released > 0 ? new ResumeOutcome.Resumed(null, DateTimeOffset.FromUnixTimeMilliseconds(now), released) : ResumeOutcome.NotPaused;
        }

        if (link is not null)
        {
            linkSignals.Notify(link, webhooks);
        }

        LogResumed(logger, conversationId, resumedBy, released);
        return new ResumeOutcome.Resumed(pause.PausedAt, pause.ResumedAt!.Value, released);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} was resumed by the {ResumedBy}; {Released} held send(s) go out in order.")]
    private static partial void LogResumed(ILogger logger, string conversationId, string resumedBy, int released);
}
