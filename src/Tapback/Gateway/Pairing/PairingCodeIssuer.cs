using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Outbox;
using Tapback.Gateway.Transports;

namespace Tapback.Gateway.Pairing;

/// <summary>
/// Answers <c>/setup</c> inside the inbox's transaction: a new code for the phone that asked, its
/// handle on the transport it texted through (its earlier unused codes stop working; its codes on
/// other transports are another phone's), and the outbox rows that mark the <c>/setup</c> read (where
/// the transport sends read receipts, as a turn of the agent does) and text the code back. The code is
/// stored only as a salted HMAC; the reply's text is scrubbed from the store once sent.
/// </summary>
internal sealed partial class PairingCodeIssuer(IOptions<PairingOptions> options, TransportRegistry transports, ILogger<PairingCodeIssuer> logger)
{
    /// <summary>Returns true when a reply was written to the outbox.</summary>
    public async Task<bool> IssueAsync(
        DbConnection connection,
        DbTransaction transaction,
        string transport,
        string conversationId,
        string phone,
        string setupMessageId,
        long now,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var recent = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM pairing_codes WHERE transport = @transport AND phone = @phone AND created_at > @since",
            new { transport, phone, since = now - (long)TimeSpan.FromHours(1).TotalMilliseconds },
            transaction,
            cancellationToken: cancellationToken));
        if (recent >= settings.MaxCodesPerHour)
        {
            LogTooManyCodes(logger, transport, settings.MaxCodesPerHour);
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pairing_codes SET expires_at = @now WHERE transport = @transport AND phone = @phone AND used_at IS NULL AND expires_at > @now",
            new { transport, phone, now },
            transaction,
            cancellationToken: cancellationToken));
        var code = await NewCodeAsync(connection, transaction, transport, phone, now, cancellationToken);
        var salt = Secrets.NewSalt();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO pairing_codes (phone, transport, salt, code_hash, expires_at, message_id, created_at)
            VALUES (@phone, @transport, @salt, @hash, @expiresAt, @setupMessageId, @now)
            """,
            new { phone, transport, salt, hash = Secrets.HashCode(code, salt), expiresAt = now + (long)settings.CodeLifetime.TotalMilliseconds, setupMessageId, now },
            transaction,
            cancellationToken: cancellationToken));
        var reply = AgentAction.GatewayMessage($"setup:{setupMessageId}", SetupCommand.Reply(code, settings.CodeLifetime)) with
        {
            RedactedText = SetupCommand.RedactedReply(settings.CodeLifetime),
        };
        // Keyed by the /setup message, as the agent's read receipts are keyed by what they read: written once.
        AgentAction[] actions = transports.CapabilitiesOf(transport).ReadReceipts
            ? [AgentAction.MarkRead($"setup:{setupMessageId}:read", setupMessageId), reply]
            : [reply];
        await OutboxWriter.WriteAsync(connection, transaction, conversationId, transport, actions, now, cancellationToken);
        LogIssued(logger, transport, conversationId);
        return true;
    }

    /// <summary>
    /// A code unlike every live code the same handle holds on another transport: the exchange is given
    /// only the handle and the code, so the code alone must say which transport's phone it pairs.
    /// </summary>
    private static async Task<string> NewCodeAsync(
        DbConnection connection, DbTransaction transaction, string transport, string phone, long now, CancellationToken cancellationToken)
    {
        var others = (await connection.QueryAsync<(string Salt, string CodeHash)>(new CommandDefinition(
            "SELECT salt, code_hash FROM pairing_codes WHERE phone = @phone AND transport <> @transport AND used_at IS NULL AND expires_at > @now",
            new { phone, transport, now },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        while (true)
        {
            var code = Secrets.NewCode();
            if (!others.Any(other => Secrets.HexEquals(Secrets.HashCode(code, other.Salt), other.CodeHash)))
            {
                return code;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued a pairing code on {Transport} in {ConversationId}.")]
    private static partial void LogIssued(ILogger logger, string transport, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A phone on {Transport} asked for more than {Limit} pairing codes in an hour; the /setup text was stored and not answered.")]
    private static partial void LogTooManyCodes(ILogger logger, string transport, int limit);
}
