using System.Globalization;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Outbox;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Watchdog;

/// <summary>
/// The watchdog's canary: a message to a handle the operator owns, written to the outbox like any
/// send (keyed, so a repeat of the same round writes nothing; outside the send governor's limits,
/// since it is the gateway's own; reported to no agent), and judged by whether the transport reports
/// it delivered within <see cref="CanaryOptions.Within"/>. BlueBubbles and a Mac's Messages both
/// report delivery from the Mac's own database, so a delivered canary is Messages working end to end.
/// </summary>
internal sealed class Canary(GroupCommit groupCommit, ConversationReader conversations, OutboxSignal outbox)
{
    public const string Text = "Tapback watchdog canary: checking that this number still sends. No reply needed.";

    /// <summary>
    /// The verdict of the latest canary: null when it was delivered (or none was sent), else why it
    /// counts as a stall. While a canary is still within its bound, the previous verdict stands.
    /// </summary>
    public async Task<string?> JudgeAsync(TransportHealth? health, CanaryOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (health is not { CanaryMessageId: { } messageId, CanarySentAt: { } sentAt })
        {
            return health?.CanaryProblem;
        }

        var message = await conversations.FindMessageAsync(messageId, cancellationToken);
        return message?.State switch
        {
            MessageStates.Delivered or MessageStates.Read => null,
            null => $"The canary sent at {sentAt:u} is no longer stored.",
            MessageStates.Failed or MessageStates.Unknown or MessageStates.Cancelled => $"The canary sent at {sentAt:u} could not be sent (its send is {message.State}).",
            _ when now - sentAt >= options.Within => $"The canary sent at {sentAt:u} was not delivered within {options.Within} (it is {message.State}).",
            _ => health.CanaryProblem,
        };
    }

    /// <summary>Whether a new canary is due: never sent, or the last one sent a whole <see cref="CanaryOptions.Every"/> ago.</summary>
    public static bool IsDue(TransportHealth? health, CanaryOptions options, DateTimeOffset now) =>
        options.Configured && (health?.CanarySentAt is not { } sentAt || now - sentAt >= options.Every!.Value);

    /// <summary>
    /// Writes a canary: its one-to-one conversation with the handle (as a send to a paired phone
    /// opens it), its outbound message and outbox row, and the watchdog's record of it, in one
    /// transaction. The key names the round (the time divided by <see cref="CanaryOptions.Every"/>),
    /// so two nodes, or a retry, in one round write one message.
    /// </summary>
    public async Task SendAsync(string transport, CanaryOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var handle = options.Handle!;
        var round = now.ToUnixTimeMilliseconds() / (long)options.Every!.Value.TotalMilliseconds;
        var key = $"watchdog:canary:{transport}:{round.ToString(CultureInfo.InvariantCulture)}";
        var at = now.ToUnixTimeMilliseconds();
        await groupCommit.WriteOnSqliteAsync(
            async (connection, transaction, token) =>
            {
                var conversationId = await ConversationWriter.UpsertAsync(connection, transaction, transport, handle, handle, isGroup: false, displayName: null, at, token);
                var ids = await OutboxWriter.WriteAsync(
                    connection, transaction, conversationId, transport, [AgentAction.Message(key, Text) with { GovernorExempt = true }], at, token);
                await TransportHealthStore.RecordCanaryAsync(connection, transaction, transport, ids[0], now, token);
                return ids[0];
            },
            cancellationToken);
        outbox.Notify();
    }
}
