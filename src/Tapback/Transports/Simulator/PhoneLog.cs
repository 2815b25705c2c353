using System.Text.Json;
using Dapper;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Transports.Simulator;

/// <summary>
/// What each simulated phone saw, stored so it survives a restart. Each event has a dedupe key, so an
/// outbox row carried out twice (after a crash) shows once: the simulator drops repeats like a
/// provider that honours idempotency keys.
/// </summary>
internal sealed class PhoneLog(Database database, GroupCommit groupCommit, PhoneEventHub hub, TimeProvider time)
{
    private const string Columns =
        "id AS Id, type AS Type, at AS At, message_id AS MessageId, body AS Text, reaction AS Reaction, removed AS Removed, from_me AS FromMe, attachments AS Attachments, sender AS Sender, reply_to AS ReplyTo, effect AS Effect, service AS Service";

    /// <summary>
    /// Appends a line built by <see cref="Line"/> on its own, unless one with the same dedupe key exists;
    /// returns whether it was new.
    /// </summary>
    public async Task<bool> AppendAsync(PhoneLogLine line, CancellationToken cancellationToken = default)
    {
        if (database.IsPostgres)
        {
            // One atomic statement: on PostgreSQL it needs neither the writers' lock nor a batch, and
            // the three extra round trips of a group commit would slow every bubble the phone shows.
            await using var connection = await database.OpenAsync(cancellationToken);
            await line.WriteAsync(connection, transaction: null, cancellationToken);
            line.Publish();
        }
        else
        {
            // On SQLite every write takes the one write lock, so the line joins the inbox's group
            // commit rather than queue for that lock on its own. The live view is fed on the writer.
            await groupCommit.WriteAsync(
                async (connection, transaction, token) =>
                {
                    await line.WriteAsync(connection, transaction, token);
                    return line.StoredId;
                },
                _ => line.Publish(),
                cancellationToken);
        }

        return line.StoredId is not null;
    }

    /// <summary>
    /// An event to store, deduplicated on <paramref name="dedupeKey"/>: on its own (<see cref="AppendAsync"/>)
    /// or inside another write (the inbound message it shows: <see cref="PhoneLogLine.AsCompanion"/>).
    /// </summary>
    public PhoneLogLine Line(
        string handle,
        string type,
        string dedupeKey,
        bool fromMe,
        string? messageId = null,
        string? text = null,
        string? reaction = null,
        bool removed = false,
        IReadOnlyList<PhoneAttachment>? attachments = null,
        string? from = null,
        string? replyTo = null,
        string? effect = null,
        string? service = null)
    {
        var hasAttachments = attachments is { Count: > 0 };
        var attachmentsJson = hasAttachments
            ? JsonSerializer.Serialize(attachments!, SimulatorJsonContext.Wire.IReadOnlyListPhoneAttachment)
            : null;
        var pending = new PhoneEvent
        {
            Id = 0,
            Type = type,
            // Whole milliseconds, as the store keeps it, so the live view and a replay agree.
            At = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds()),
            MessageId = messageId,
            Text = text,
            Reaction = reaction,
            Removed = type == PhoneEventTypes.Reaction ? removed : null,
            FromMe = fromMe,
            From = from,
            Attachments = hasAttachments ? attachments : null,
            ReplyTo = replyTo,
            Effect = effect,
            Service = service,
        };
        return new PhoneLogLine(hub, handle, dedupeKey, attachmentsJson, pending);
    }

    public async Task<IReadOnlyList<PhoneEvent>> ListAsync(string handle, long afterId = 0, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM simulator_events WHERE handle = @handle AND id > @afterId ORDER BY id",
            new { handle, afterId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToEvent())];
    }

    private const string LastTypingChange =
        $"SELECT type FROM simulator_events WHERE handle = @handle AND type IN ('{PhoneEventTypes.TypingStarted}', '{PhoneEventTypes.TypingStopped}', '{PhoneEventTypes.MessageReceived}') ORDER BY id DESC LIMIT 1";

    /// <summary>Whether the phone shows the typing indicator: started and not since stopped or replaced by a bubble.</summary>
    public async Task<bool> IsTypingShownAsync(string handle, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var last = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(LastTypingChange, new { handle }, cancellationToken: cancellationToken));
        return last == PhoneEventTypes.TypingStarted;
    }

    /// <summary>
    /// The same, inside a write (the outbox's, which shows the indicator in it: <see cref="Gateway.Outbox.IStoreTransport"/>),
    /// so it sees the lines written before it there.
    /// </summary>
    public static async Task<bool> IsTypingShownAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string handle, CancellationToken cancellationToken) =>
        await PreparedStatements.ScalarAsync<string?>(connection, transaction, LastTypingChange, cancellationToken, ("@handle", handle)) == PhoneEventTypes.TypingStarted;

    /// <summary>
    /// A message as the phone shows it now: who sent it, when, over which service, its current text,
    /// how often it was edited and whether it was taken back. Null when the phone never showed it.
    /// </summary>
    public async Task<PhoneMessage?> FindMessageAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns}, handle AS Handle FROM simulator_events
            WHERE message_id = @messageId AND type IN ('{PhoneEventTypes.MessageSent}', '{PhoneEventTypes.MessageReceived}', '{PhoneEventTypes.MessageEdited}', '{PhoneEventTypes.MessageUnsent}')
            ORDER BY id
            """,
            new { messageId },
            cancellationToken: cancellationToken))).ToList();
        var sent = rows.FirstOrDefault(row => row.Type is PhoneEventTypes.MessageSent or PhoneEventTypes.MessageReceived);
        if (sent is null)
        {
            return null;
        }

        var edits = rows.Where(row => row.Type == PhoneEventTypes.MessageEdited).ToList();
        return new PhoneMessage(
            sent.Handle!,
            sent.FromMe,
            DateTimeOffset.FromUnixTimeMilliseconds(sent.At),
            sent.Service,
            edits.Count > 0 ? edits[^1].Text : sent.Text,
            edits.Count,
            rows.Any(row => row.Type == PhoneEventTypes.MessageUnsent),
            sent.Sender);
    }

    /// <summary>
    /// After an unsend the phone no longer holds the message's words or files (nor its edits'), as on
    /// an iPhone; the lines stay so the page can say "unsent a message" where it was. Idempotent.
    /// </summary>
    public async Task ForgetContentAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE simulator_events SET body = NULL, attachments = NULL
            WHERE message_id = @messageId AND type IN ('{PhoneEventTypes.MessageSent}', '{PhoneEventTypes.MessageReceived}', '{PhoneEventTypes.MessageEdited}')
              AND (body IS NOT NULL OR attachments IS NOT NULL)
            """,
            new { messageId },
            cancellationToken: cancellationToken));
    }

    private sealed record Row
    {
        public long Id { get; init; }
        public string Type { get; init; } = string.Empty;
        public long At { get; init; }
        public string? MessageId { get; init; }
        public string? Text { get; init; }
        public string? Reaction { get; init; }
        public bool Removed { get; init; }
        public bool FromMe { get; init; }
        public string? Attachments { get; init; }
        public string? Sender { get; init; }
        public string? ReplyTo { get; init; }
        public string? Effect { get; init; }
        public string? Service { get; init; }
        public string? Handle { get; init; }

        public PhoneEvent ToEvent() => new()
        {
            Id = Id,
            Type = Type,
            At = DateTimeOffset.FromUnixTimeMilliseconds(At),
            MessageId = MessageId,
            Text = Text,
            Reaction = Reaction,
            Removed = Type == PhoneEventTypes.Reaction ? Removed : null,
            FromMe = FromMe,
            From = Sender,
            Attachments = Attachments is null ? null : JsonSerializer.Deserialize(Attachments, SimulatorJsonContext.Wire.IReadOnlyListPhoneAttachment),
            ReplyTo = ReplyTo,
            Effect = Effect,
            Service = Service,
        };
    }
}
