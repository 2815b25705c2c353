using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Inbox;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Outbox;

namespace Tapback.Gateway.Governor.Loops;

/// <summary>
/// The loop breaker's look at each inbound message, in the inbox's transaction: reads the exchange since
/// the conversation's last resume, and when <see cref="LoopDetector"/> finds two programs talking, opens a
/// pause and queues <c>conversation.paused</c> for the conversation's integration, committed with the
/// message that completed the evidence. One-to-one chats only: in a group, several people answering
/// quickly is a group at work, not a loop.
/// </summary>
internal sealed partial class LoopWatch(LoopBreakerScope scope, IOptions<LoopBreakerOptions> options, ILogger<LoopWatch> logger) : IInboundWatch
{
    public async Task<bool> WatchAsync(DbConnection connection, DbTransaction transaction, WatchedInbound message, CancellationToken cancellationToken)
    {
        if (message.IsGroup || !scope.Watches(message.Transport))
        {
            return false;
        }

        // Paused already: nothing more to find. Otherwise only what came after the last resume counts.
        if (await ConversationPauseStore.WindowStartAsync(connection, transaction, message.ConversationId, cancellationToken) is not { } after)
        {
            return false;
        }

        var settings = options.Value;
        var replies = await ConversationReader.LatestInboundAsync(
            connection, transaction, message.ConversationId, after, Math.Max(settings.FastReplyRounds, settings.RecentReplies) + 1, cancellationToken);
        if (replies.Count == 0)
        {
            return false;
        }

        // A split answer is several sends per round: room for a few bubbles each.
        var sends = await OutboxStore.LatestSentAsync(connection, transaction, message.ConversationId, after, 4 * (replies.Count + 1), cancellationToken);
        var evidence = LoopDetector.Detect(
            [.. replies.Select(reply => new ExchangedMessage(reply.At, reply.Text))],
            [.. sends.Select(sent => new ExchangedMessage(sent.At, sent.Text))],
            settings);
        if (evidence is null
            || !await ConversationPauseStore.OpenAsync(connection, transaction, message.ConversationId, evidence, message.At, cancellationToken))
        {
            return false;
        }

        LogPaused(logger, message.ConversationId, message.Transport, evidence.Kind, evidence.Rounds, evidence.Detail);

        // The built-in agent is told by the pause itself (it takes no turn); an integration hears it.
        if (!IntegrationLinks.TryParse(message.Link, out _))
        {
            return false;
        }

        var paused = new ConversationPausedEvent
        {
            ChatId = message.ConversationId,
            Reason = PauseReasons.LoopSuspected,
            Evidence = new PauseEvidence { Kind = evidence.Kind, Rounds = evidence.Rounds, Detail = evidence.Detail },
            PausedAt = DateTimeOffset.FromUnixTimeMilliseconds(message.At),
        };
        return await AgentQueueStore.EnqueueAsync(
            connection,
            transaction,
            message.Link,
            message.ConversationId,
            AgentQueueKinds.ConversationPaused,
            messageId: null,
            reactionId: null,
            JsonSerializer.Serialize(paused, LoopBreakerJsonContext.Wire.ConversationPausedEvent),
            message.At,
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} on {Transport} looks like two programs talking ({EvidenceKind}, {Rounds} rounds): its agent is paused there and its sends are held until an operator resumes it. {Detail}")]
    private static partial void LogPaused(ILogger logger, string conversationId, string transport, string evidenceKind, int rounds, string detail);
}
