using System.Data.Common;
using Dapper;
using Tapback.Messaging;

namespace Tapback.Gateway.Inbox;

/// <summary>
/// Reports that came before their send's provider id was known: a send looked up after a timeout
/// learns its id only when the lookup finds it, and the phone may say "delivered" before that.
/// </summary>
internal sealed partial class Inbox
{
    /// <summary>How long a report waits for its message; a provider id never learned in a day will not be.</summary>
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    /// <summary>
    /// Applies the reports kept for <paramref name="providerMessageId"/> now that a sent message has
    /// it: in the order states move (delivered before read), each as if it had just arrived.
    /// </summary>
    public async Task ApplyKeptStatusesAsync(string transport, string providerMessageId, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<(string EventId, string Status, long? AtMs, string? Error)> kept;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            kept = [.. await connection.QueryAsync<(string, string, long?, string?)>(new CommandDefinition(
                "SELECT event_id, status, at_ms, error FROM kept_status_reports WHERE transport = @transport AND provider_message_id = @providerMessageId",
                new { transport, providerMessageId },
                cancellationToken: cancellationToken))];
        }

        foreach (var report in kept.OrderBy(report => Enum.Parse<DeliveryStatus>(report.Status)))
        {
            await groupCommit.ExecuteAsync(
                "DELETE FROM kept_status_reports WHERE transport = @transport AND event_id = @EventId",
                new { transport, report.EventId },
                cancellationToken);

            await ReceiveStatusAsync(
                new InboundStatus
                {
                    Transport = transport,
                    EventId = report.EventId,
                    ProviderMessageId = providerMessageId,
                    Status = Enum.Parse<DeliveryStatus>(report.Status),
                    At = report.AtMs is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
                    Error = report.Error,
                },
                cancellationToken);
        }
    }

    /// <summary>Keeps a report for later (once per event id). Drops reports older than a day.</summary>
    private static async Task KeepStatusAsync(DbConnection connection, DbTransaction transaction, InboundStatus status, long now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM kept_status_reports WHERE kept_at < @before",
            new { before = now - (long)KeptFor.TotalMilliseconds },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO kept_status_reports (transport, event_id, provider_message_id, status, at_ms, error, kept_at)
            VALUES (@Transport, @EventId, @ProviderMessageId, @status, @at, @Error, @now)
            ON CONFLICT (transport, event_id) DO NOTHING
            """,
            new { status.Transport, status.EventId, status.ProviderMessageId, status = status.Status.ToString(), at = status.At?.ToUnixTimeMilliseconds(), status.Error, now },
            transaction,
            cancellationToken: cancellationToken));
    }
}
