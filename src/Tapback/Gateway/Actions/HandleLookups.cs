using Dapper;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Transports;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Actions;

/// <summary>
/// "Is this handle on iMessage?", asked of a transport's <see cref="IHandleLookup"/> and kept in
/// <c>handle_lookups</c> (this class owns the table) with when it was asked. An answer is reused while
/// younger than <c>Tapback:Actions:LookupFreshFor</c>: each ask is a call to the provider, and through
/// BlueBubbles one to Apple with the operator's Apple ID, which frequent lookups can get flagged.
/// </summary>
internal sealed partial class HandleLookups(Database database, GroupCommit groupCommit, TransportRegistry transports, IOptions<ActionOptions> options, TimeProvider time, ILogger<HandleLookups> logger)
{
    /// <summary>
    /// The fresh answer for <paramref name="handle"/> (normalised) on the transport, asking it when the
    /// kept one is stale or absent. When the transport fails, a kept answer of any age is still the best
    /// there is (its <c>checked_at</c> says how old); with none, null.
    /// </summary>
    public async Task<HandleAnswer?> CheckAsync(string transport, string handle, CancellationToken cancellationToken)
    {
        var kept = await FindAsync(transport, handle, cancellationToken);
        var now = time.GetUtcNow();
        if (kept is not null && now - kept.CheckedAt < options.Value.LookupFreshFor)
        {
            return kept;
        }

        if (!transports.TryGet(transport, out var found) || found is not IHandleLookup lookup)
        {
            return kept;
        }

        bool? imessage;
        try
        {
            imessage = await lookup.IsOnIMessageAsync(handle, cancellationToken);
        }
        catch (TransportException exception)
        {
            LookupFailed(logger, transport, exception);
            return kept;
        }

        // In the group commit on SQLite: an agent's request, and a write of its own waited in SQLite's
        // sleeping busy handler behind the inbound batches after the provider had already been asked.
        await groupCommit.ExecuteAsync(
            """
            INSERT INTO handle_lookups (transport, handle, imessage, checked_at) VALUES (@transport, @handle, @imessage, @now)
            ON CONFLICT (transport, handle) DO UPDATE SET imessage = excluded.imessage, checked_at = excluded.checked_at
            """,
            new { transport, handle, imessage, now = now.ToUnixTimeMilliseconds() },
            cancellationToken);
        return new HandleAnswer(handle, imessage, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()));
    }

    private async Task<HandleAnswer?> FindAsync(string transport, string handle, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // The column is a boolean on PostgreSQL and an integer on SQLite; read it as 1/0/NULL on both.
        var row = await connection.QuerySingleOrDefaultAsync<(int? IMessage, long CheckedAt)?>(new CommandDefinition(
            "SELECT CASE WHEN imessage IS NULL THEN NULL WHEN imessage THEN 1 ELSE 0 END, checked_at FROM handle_lookups WHERE transport = @transport AND handle = @handle",
            new { transport, handle },
            cancellationToken: cancellationToken));
        return row is { } found ? new HandleAnswer(handle, found.IMessage is null ? null : found.IMessage == 1, DateTimeOffset.FromUnixTimeMilliseconds(found.CheckedAt)) : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transport {Transport} failed to look up a handle; the kept answer, if any, is used.")]
    private static partial void LookupFailed(ILogger logger, string transport, Exception exception);
}

/// <summary>Whether <see cref="Handle"/> is on iMessage (true), SMS only (false) or unknown (null), as of <see cref="CheckedAt"/>.</summary>
internal sealed record HandleAnswer(string Handle, bool? IMessage, DateTimeOffset CheckedAt);
