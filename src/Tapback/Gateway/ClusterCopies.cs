using Npgsql;

namespace Tapback.Gateway;

/// <summary>
/// Keeps a node's in-memory copies of small, rarely changed tables true on a shared PostgreSQL store.
/// A copy is taken at a <see cref="Version"/> and may be used while that version is current: every
/// change of such a table is announced in its own transaction (<see cref="NotifyChangedAsync"/>, so the
/// nudge goes if and only if the change commits), and each node's <see cref="ClusterWakeUps"/> moves the
/// version on when it hears one, and also whenever it starts or stops listening: a nudge sent while a
/// node was not listening is never heard, so no copy taken before or during that time is trusted
/// afterwards, and while a node is not listening no copy is trusted at all (its readers read the store).
/// A copy read while the version moved is used by its own reader (it is as new as a read of the store)
/// but kept for no one else. Copies also grow old (<see cref="MaxAge"/>): a listening connection that
/// died without saying so cannot keep one stale for longer.
/// </summary>
internal sealed class ClusterCopies
{
    /// <summary>How long a copy is trusted at most, even with no nudge heard.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    internal const string ChangedToken = "c";

    private long _version;
    private volatile bool _listening;

    /// <summary>Moves on with every change heard and every start or end of listening.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>True when a copy taken at <paramref name="version"/> may still be used.</summary>
    public bool IsCurrent(long version) => _listening && Version == version;

    /// <summary>Whether a copy read now could be trusted at all (this node hears the others' nudges).</summary>
    public bool Listening => _listening;

    /// <summary>A copy changed, here or on another node: every copy taken before is read again.</summary>
    public void ChangedHere() => Interlocked.Increment(ref _version);

    /// <summary>Called by <see cref="ClusterWakeUps"/> when its LISTEN starts (true) and when its connection is gone (false).</summary>
    public void SetListening(bool listening)
    {
        _listening = listening;
        Interlocked.Increment(ref _version);
    }

    /// <summary>
    /// Tells every node, this one too, that a copied table changed: run inside the changing transaction,
    /// so the nudge is sent at its COMMIT and never for a change rolled back.
    /// </summary>
    public static async Task NotifyChangedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection, transaction);
        command.Parameters.AddWithValue("channel", ClusterWakeUps.Channel);
        command.Parameters.AddWithValue("payload", ClusterWakeUps.ToEveryNode(ChangedToken));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
