using Tapback.Gateway.Inbox;
using Tapback.Messaging;
using Tapback.Transports.MacMessages.ChatDb;

namespace Tapback.Transports.MacMessages;

/// <summary>
/// Messages updates the row of a message we sent in place (is_delivered, date_delivered, date_read,
/// error); each poll re-reads the rows of our recent sends and reports what moved forward.
/// </summary>
internal sealed class MacMessagesStatuses(
    string name,
    MacMessagesOptions options,
    MacChatDatabase chatDb,
    MacMessagesStore store,
    Inbox inbox,
    TimeProvider time)
{
    public async Task ReportAsync(CancellationToken cancellationToken = default)
    {
        var since = (time.GetUtcNow() - options.StatusWindow).ToUnixTimeMilliseconds();
        var open = await store.OpenSendsAsync(name, since, cancellationToken);
        if (open.Count == 0)
        {
            return;
        }

        var reported = open.ToDictionary(send => send.Guid, send => send.Reported, StringComparer.Ordinal);
        foreach (var row in await chatDb.StatusesAsync(reported.Keys, cancellationToken))
        {
            if (Next(row, reported[row.Guid]) is not { } next)
            {
                continue;
            }

            var (found, at, error) = next;
            var word = MacMessagesReports.Of(found);
            await inbox.ReceiveStatusAsync(
                new InboundStatus { Transport = name, EventId = $"{row.Guid}:{word}", ProviderMessageId = row.Guid, Status = found, At = at, Error = error },
                cancellationToken);
            await store.MarkReportedAsync(name, row.Guid, word, cancellationToken);
        }
    }

    /// <summary>The report a row now calls for, given the furthest one made; null when nothing moved forward.</summary>
    internal static (DeliveryStatus Status, DateTimeOffset? At, string? Error)? Next(ChatDbStatus row, string? reported) => row switch
    {
        { DateRead: > 0 } when reported is null or MacMessagesReports.Delivered => (DeliveryStatus.Read, AppleTime.ToDateTimeOffset(row.DateRead), null),
        { Error: not 0 } when reported is null =>
            (DeliveryStatus.Failed, null, $"Messages could not deliver it (error {row.Error}); it shows as Not Delivered on the Mac."),
        { IsDelivered: not 0 } or { DateDelivered: > 0 } when reported is null => (DeliveryStatus.Delivered, AppleTime.ToDateTimeOffset(row.DateDelivered), null),
        _ => null,
    };
}
