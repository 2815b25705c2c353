using System.Globalization;
using System.Text.Json;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Outbox;

namespace Tapback.Gateway.Governor;

/// <summary>
/// The governor's held sends, for everyone else: the loop breaker releasing a resumed conversation,
/// the operator's list, release and discard. The rows themselves are the outbox's (<see cref="OutboxStore"/>);
/// every change here wakes the dispatcher, since a released or discarded head lets its conversation go on.
/// </summary>
internal sealed class HeldSends(OutboxStore store, OutboxSignal signal)
{
    /// <summary>How much of a held message's text the operator's list shows.</summary>
    private const int PreviewLength = 80;

    /// <summary>
    /// Queues again, in order, the conversation's sends held for <paramref name="reason"/> (a
    /// <see cref="HoldReasons"/> name); the dispatcher asks the governor again before each goes.
    /// Returns how many were released.
    /// </summary>
    public async Task<int> ReleaseConversationAsync(string conversationId, string reason, CancellationToken cancellationToken = default)
    {
        var released = await store.ReleaseHeldAsync(conversationId, reason, cancellationToken);
        if (released > 0)
        {
            signal.Notify();
        }

        return released;
    }

    /// <summary>The held sends, oldest first, a page after <paramref name="cursor"/> (the previous page's <c>nextCursor</c>).</summary>
    public async Task<HeldList> ListAsync(long cursor, int limit, CancellationToken cancellationToken = default)
    {
        var rows = await store.ListHeldAsync(cursor, limit + 1, cancellationToken);
        var page = rows.Take(limit).ToList();
        return new HeldList(
            [.. page.Select(ToView)],
            rows.Count > limit ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>An operator lets the held send go past the governor's limits: it is queued again and never held again.</summary>
    public async Task<OutboxStore.HeldChange> ReleaseAsync(string messageId, CancellationToken cancellationToken = default) =>
        Woken(await store.ReleaseHeldMessageAsync(messageId, cancellationToken));

    /// <summary>An operator drops the held send: it ends failed and its agent hears <c>message.failed</c> with the hold's reason.</summary>
    public async Task<OutboxStore.HeldChange> DiscardAsync(string messageId, CancellationToken cancellationToken = default) =>
        Woken(await store.DiscardHeldMessageAsync(messageId, DiscardedBecause, cancellationToken));

    /// <summary>The words the agent hears in <c>message.failed</c> for a discarded hold.</summary>
    public static string DiscardedBecause(string? reason) =>
        $"An operator discarded this message while the send governor held it ({reason ?? "held"}).";

    /// <summary>Why each of these messages' sends is held, for those that are (the REST and MCP status).</summary>
    public Task<IReadOnlyDictionary<string, (string Reason, string Detail)>> HoldsOfAsync(IReadOnlyList<string> messageIds, CancellationToken cancellationToken = default) =>
        store.HoldsOfAsync(messageIds, cancellationToken);

    private OutboxStore.HeldChange Woken(OutboxStore.HeldChange change)
    {
        if (change == OutboxStore.HeldChange.Done)
        {
            signal.Notify();
        }

        return change;
    }

    private static HeldView ToView(OutboxStore.HeldRow row)
    {
        var text = JsonSerializer.Deserialize(row.Payload, OutboxJsonContext.Wire.OutboxPayload)?.Text ?? string.Empty;
        return new HeldView
        {
            MessageId = row.MessageId ?? string.Empty,
            ConversationId = row.ConversationId,
            ChatId = row.ChatId,
            IntegrationId = row.ReportLink is { } link && IntegrationLinks.TryParse(link, out var integrationId) ? integrationId : null,
            Transport = row.Transport,
            Reason = row.Reason ?? string.Empty,
            Detail = row.Detail ?? string.Empty,
            HeldAt = DateTimeOffset.FromUnixTimeMilliseconds(row.HeldAt ?? 0),
            ReleaseAt = row.ReleaseAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
            Preview = text.Length <= PreviewLength ? text : string.Concat(text.AsSpan(0, PreviewLength - 1), "…"),
        };
    }
}
