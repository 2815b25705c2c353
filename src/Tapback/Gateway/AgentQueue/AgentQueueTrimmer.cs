using Dapper;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Integrations;
using Tapback.Storage;

namespace Tapback.Gateway.AgentQueue;

/// <summary>
/// Keeps each integration's queue within its bounds: rows too old or too many become 'expired', the
/// integration's dropped count grows in the same transaction, and the log says how many fell off.
/// </summary>
internal sealed partial class AgentQueueTrimmer(
    Database database,
    IOptions<AgentQueueBoundsOptions> options,
    TimeProvider time,
    ILogger<AgentQueueTrimmer> logger) : PeriodicSweepService(time, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override Task SweepOnceAsync(CancellationToken cancellationToken) => TrimAsync(cancellationToken);

    /// <summary>Applies the bounds once; returns how many rows fell off, by link.</summary>
    public async Task<IReadOnlyDictionary<string, int>> TrimAsync(CancellationToken cancellationToken = default)
    {
        var bounds = options.Value;
        var now = Time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        var expired = (await connection.QueryAsync<string>(new CommandDefinition(
            $"""
            UPDATE agent_queue SET state = '{AgentQueueStates.Expired}', done_at = @now
            WHERE state = '{AgentQueueStates.Pending}' AND link LIKE '{IntegrationLinks.Prefix}%' AND (
                created_at < @oldest
                OR seq IN (SELECT seq FROM (
                    SELECT seq, row_number() OVER (PARTITION BY link ORDER BY seq DESC) AS newest
                    FROM agent_queue WHERE state = '{AgentQueueStates.Pending}' AND link LIKE '{IntegrationLinks.Prefix}%') ranked
                    WHERE ranked.newest > @maxEvents))
            RETURNING link
            """,
            new { now, oldest = now - (long)bounds.MaxAge.TotalMilliseconds, maxEvents = bounds.MaxEvents },
            transaction,
            cancellationToken: cancellationToken))).CountBy(link => link).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        foreach (var (link, count) in expired)
        {
            if (IntegrationLinks.TryParse(link, out var integrationId))
            {
                await IntegrationStore.CountDroppedAsync(connection, transaction, integrationId, count, now, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var (link, count) in expired)
        {
            LogDropped(Logger, count, link, bounds.MaxEvents, bounds.MaxAge);
        }

        return expired;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Count} undelivered event(s) of {Link}: its agent was away and the queue keeps at most {MaxEvents} events for {MaxAge}.")]
    private static partial void LogDropped(ILogger logger, int count, string link, int maxEvents, TimeSpan maxAge);
}
