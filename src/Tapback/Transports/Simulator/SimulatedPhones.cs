using Dapper;
using Npgsql;
using Tapback.Gateway;
using Tapback.Messaging;
using Tapback.Storage;

namespace Tapback.Transports.Simulator;

/// <summary>
/// Which simulated phones are on iMessage. Every phone is, until the page or
/// <c>PUT /api/simulator/phones/{handle}</c> makes it SMS-only: then its messages go as SMS (green,
/// without effects, replies, edits or unsends, as Messages sends them) and the transport's handle
/// lookup answers false. Stored, so a restart keeps it.
/// </summary>
internal sealed class SimulatedPhones(Database database, ClusterCopies cluster, TimeProvider time) : IDisposable
{
    // SQLite is one node (docs/deploy.md) and SetAsync is the table's only writer, so on SQLite this
    // process's copy of the SMS-only handles is the table: read once, then changed by SetAsync after
    // its write committed, in the same order as the writes (one at a time). Every inbound message of
    // the simulator asked the store before, each on a pooled connection of its own. On PostgreSQL
    // another node may change a phone: the copy there is one of ClusterCopies, read again after any
    // change heard from any node (SetAsync announces its own in its transaction), and not used at all
    // while this node does not hear the others; then every question reads the table, as before.
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly Lock _gate = new();
    private HashSet<string>? _smsOnly;
    private SharedCopy? _shared;

    public async Task<bool> IsOnIMessageAsync(string handle, CancellationToken cancellationToken = default)
    {
        if (!database.IsPostgres)
        {
            var smsOnly = await SmsOnlyAsync(cancellationToken);
            lock (_gate)
            {
                return !smsOnly.Contains(handle);
            }
        }

        if (await SharedSmsOnlyAsync(cancellationToken) is { } shared)
        {
            return !shared.Contains(handle);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var imessage = await connection.ExecuteScalarAsync<bool?>(new CommandDefinition(
            "SELECT imessage FROM simulator_phones WHERE handle = @handle",
            new { handle },
            cancellationToken: cancellationToken));
        return imessage ?? true;
    }

    /// <summary>The service a message to or from this chat goes over: a group is always iMessage.</summary>
    public async Task<string> ServiceAsync(string chatId, CancellationToken cancellationToken = default) =>
        chatId.StartsWith(SimulatorChats.GroupPrefix, StringComparison.Ordinal) || await IsOnIMessageAsync(chatId, cancellationToken)
            ? MessageServices.IMessage
            : MessageServices.Sms;

    public async Task SetAsync(string handle, bool imessage, CancellationToken cancellationToken = default)
    {
        var smsOnly = database.IsPostgres ? null : await SmsOnlyAsync(cancellationToken);
        await _changes.WaitAsync(cancellationToken);
        try
        {
            if (database.IsPostgres)
            {
                await SetOnPostgresAsync(handle, imessage, cancellationToken);
            }
            else
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(Upsert, Values(handle, imessage), cancellationToken: cancellationToken));
            }

            if (smsOnly is not null)
            {
                lock (_gate)
                {
                    _ = imessage ? smsOnly.Remove(handle) : smsOnly.Add(handle);
                }
            }
        }
        finally
        {
            _changes.Release();
        }
    }

    public void Dispose() => _changes.Dispose();

    private const string Upsert = """
        INSERT INTO simulator_phones (handle, imessage, updated_at) VALUES (@handle, @imessage, @now)
        ON CONFLICT (handle) DO UPDATE SET imessage = excluded.imessage, updated_at = excluded.updated_at
        """;

    private object Values(string handle, bool imessage) => new { handle, imessage, now = time.GetUtcNow().ToUnixTimeMilliseconds() };

    /// <summary>The change and its nudge to every node's copy (<see cref="ClusterCopies"/>) in one transaction: the nudge goes if and only if the change commits.</summary>
    private async Task SetOnPostgresAsync(string handle, bool imessage, CancellationToken cancellationToken)
    {
        await using (var connection = (NpgsqlConnection)await database.OpenAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(Upsert, Values(handle, imessage), transaction, cancellationToken: cancellationToken));
            await ClusterCopies.NotifyChangedAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // This node's next question reads the table again, whenever its own nudge arrives.
        cluster.ChangedHere();
    }

    /// <summary>PostgreSQL: the SMS-only handles from a copy still current, or read now; null while this node hears no nudges.</summary>
    private async ValueTask<HashSet<string>?> SharedSmsOnlyAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _shared) is { } copy && cluster.IsCurrent(copy.Version) && time.GetElapsedTime(copy.ReadAt) < ClusterCopies.MaxAge)
        {
            return copy.SmsOnly;
        }

        // The version is taken before the read: a change heard while reading moves it on, and then
        // this read serves its own caller (it is as new as a read of the table) but no one after.
        var version = cluster.Version;
        if (!cluster.Listening)
        {
            return null;
        }

        // Its age counts from before the read (on the monotonic clock, which a clock set back cannot stretch).
        var readAt = time.GetTimestamp();
        HashSet<string> smsOnly;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var handles = await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT handle FROM simulator_phones WHERE imessage = FALSE", cancellationToken: cancellationToken));
            smsOnly = handles.ToHashSet(StringComparer.Ordinal);
        }

        if (cluster.IsCurrent(version))
        {
            Volatile.Write(ref _shared, new SharedCopy(smsOnly, version, readAt));
        }

        return smsOnly;
    }

    private async ValueTask<HashSet<string>> SmsOnlyAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _smsOnly) is { } loaded)
        {
            return loaded;
        }

        // Read under the writes' gate, so no change commits between this read and the copy taking over.
        await _changes.WaitAsync(cancellationToken);
        try
        {
            if (_smsOnly is null)
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                var handles = await connection.QueryAsync<string>(new CommandDefinition(
                    "SELECT handle FROM simulator_phones WHERE imessage = FALSE", cancellationToken: cancellationToken));
                Volatile.Write(ref _smsOnly, handles.ToHashSet(StringComparer.Ordinal));
            }

            return _smsOnly;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>The SMS-only handles as read at <see cref="ClusterCopies.Version"/> <paramref name="Version"/>, from <paramref name="ReadAt"/> (a <see cref="TimeProvider.GetTimestamp"/>); never changed once made.</summary>
    private sealed record SharedCopy(HashSet<string> SmsOnly, long Version, long ReadAt);
}
