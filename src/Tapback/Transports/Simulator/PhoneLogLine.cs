using System.Data.Common;
using Dapper;
using Tapback.Gateway.Inbox;
using Tapback.Storage.GroupCommits;

namespace Tapback.Transports.Simulator;

/// <summary>
/// One line of a simulated phone's log, ready to be inserted inside whatever write carries it (its own
/// unit, or the inbound event's: <see cref="AsCompanion"/>), and published to the live view only after
/// that write committed.
/// </summary>
internal sealed class PhoneLogLine(PhoneEventHub hub, string handle, string dedupeKey, string? attachmentsJson, PhoneEvent pending)
{
    private const string Insert =
        """
        INSERT INTO simulator_events (handle, type, message_id, body, reaction, removed, from_me, attachments, dedupe_key, at, sender, reply_to, effect, service)
        VALUES (@handle, @type, @messageId, @text, @reaction, @removed, @fromMe, @attachmentsJson, @dedupeKey, @at, @from, @replyTo, @effect, @service)
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING id
        """;

    /// <summary>The stored line's id once written; null before, or when its dedupe key was already there.</summary>
    public long? StoredId { get; private set; }

    /// <summary>
    /// Inserts the line in <paramref name="transaction"/> (statements prepared on the group-commit writer),
    /// or, without one, as a lone atomic statement.
    /// </summary>
    public async Task WriteAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var at = pending.At.ToUnixTimeMilliseconds();
        var removed = pending.Removed ?? false;
        StoredId = transaction is null
            ? await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                Insert,
                new { handle, type = pending.Type, messageId = pending.MessageId, text = pending.Text, reaction = pending.Reaction, removed, fromMe = pending.FromMe, attachmentsJson, dedupeKey, at, from = pending.From, replyTo = pending.ReplyTo, effect = pending.Effect, service = pending.Service },
                cancellationToken: cancellationToken))
            : await PreparedStatements.ScalarAsync<long?>(
                connection,
                transaction,
                Insert,
                cancellationToken,
                ("@handle", handle),
                ("@type", pending.Type),
                ("@messageId", pending.MessageId),
                ("@text", pending.Text),
                ("@reaction", pending.Reaction),
                ("@removed", removed),
                ("@fromMe", pending.FromMe),
                ("@attachmentsJson", attachmentsJson),
                ("@dedupeKey", dedupeKey),
                ("@at", at),
                ("@from", pending.From),
                ("@replyTo", pending.ReplyTo),
                ("@effect", pending.Effect),
                ("@service", pending.Service));
    }

    /// <summary>Not written in this try of its write after all (the phone already shows it): nothing to publish.</summary>
    public void Withdraw() => StoredId = null;

    /// <summary>Feeds the live view, after COMMIT and in store order (a stream skips an id lower than one it already showed).</summary>
    public void Publish()
    {
        if (StoredId is { } id)
        {
            hub.Publish(handle, pending with { Id = id });
        }
    }

    /// <summary>This line as the inbound event's companion write: stored and shown with the event, or not at all.</summary>
    public InboxCompanionWrite AsCompanion() => new((connection, transaction, token) => WriteAsync(connection, transaction, token), Publish);
}
