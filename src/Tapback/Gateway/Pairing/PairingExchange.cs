using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Integrations.Credentials;
using Tapback.Gateway.Outbox;
using Tapback.Gateway.Routing;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Pairing;

/// <summary>
/// Exchanges a code for an integration token. A phone is the transport it texted <c>/setup</c> through
/// plus its handle, and the code says which transport: where one handle asked on several, the code that
/// matches decides. One integration per phone: pairing again revokes that phone's old integration
/// (token, API keys, queue, webhooks, and every session they opened: its socket closed with 4000), never
/// the same handle's on another transport. A phone the built-in agent was answering is told, in the
/// same transaction, that the integration's agent answers from now on and how to undo it.
/// </summary>
internal sealed partial class PairingExchange(
    GroupCommit groupCommit,
    IntegrationStore integrations,
    CredentialRevocations revocations,
    MessageRouter router,
    OutboxSignal outboxSignal,
    ContactCards.PairingCardOffer cardOffer,
    IOptions<PairingOptions> options,
    TimeProvider time,
    ILogger<PairingExchange> logger)
{
    public const string TokenPrefix = "tbk_";

    public async Task<PairingOutcome> ExchangeAsync(string phone, string code, CancellationToken cancellationToken = default)
    {
        // On SQLite in the group commit: a transaction of its own waited in SQLite's sleeping busy
        // handler behind the inbound batches (and a pairing code expires while it waits).
        var exchange = await groupCommit.WriteOnSqliteAsync(
            (connection, transaction, token) => ExchangeAsync(connection, transaction, phone, code, token),
            cancellationToken);
        foreach (var (id, attempts) in exchange.WrongCodes)
        {
            LogWrongCode(logger, id, attempts);
        }

        if (exchange.Outcome.Result != PairingResult.Paired)
        {
            return exchange.Outcome;
        }

        if (exchange.Told)
        {
            outboxSignal.Notify();
        }

        foreach (var old in exchange.Replaced)
        {
            revocations.Revoked(old);
        }

        LogPaired(logger, exchange.Outcome.IntegrationId!, exchange.Replaced.Count);
        return exchange.Outcome;
    }

    private async Task<Exchange> ExchangeAsync(DbConnection connection, DbTransaction transaction, string phone, string code, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // A handle holds at most one live code per transport (a new /setup ends the earlier one), and
        // the issuer keeps the codes of one handle unlike each other, so the code alone picks the phone.
        var live = (await connection.QueryAsync<CodeRow>(new CommandDefinition(
            """
            SELECT id AS Id, transport AS Transport, salt AS Salt, code_hash AS CodeHash, failed_attempts AS FailedAttempts, message_id AS MessageId
            FROM pairing_codes WHERE phone = @phone AND used_at IS NULL AND expires_at > @now ORDER BY id
            """,
            new { phone, now },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        if (live.Count == 0)
        {
            return new Exchange(new PairingOutcome { Result = PairingResult.Invalid });
        }

        var open = live.Where(candidate => candidate.FailedAttempts < options.Value.MaxWrongCodes).ToList();
        if (open.Count == 0)
        {
            LogExhausted(logger, live[^1].Id);
            return new Exchange(new PairingOutcome { Result = PairingResult.Exhausted });
        }

        // Every open code is compared (in constant time each), so the time taken says nothing about which matched.
        CodeRow? matched = null;
        foreach (var candidate in open)
        {
            if (Secrets.HexEquals(Secrets.HashCode(code, candidate.Salt), candidate.CodeHash))
            {
                matched = candidate;
            }
        }

        if (matched is null)
        {
            // A wrong guess was a guess at each open code, so each counts it.
            var ids = open.Select(candidate => candidate.Id).ToArray();
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE pairing_codes SET failed_attempts = failed_attempts + 1 WHERE id {SqlDialect.InList(connection, "@ids")}",
                new { ids },
                transaction,
                cancellationToken: cancellationToken));
            return new Exchange(new PairingOutcome { Result = PairingResult.Invalid })
            {
                WrongCodes = [.. open.Select(candidate => (candidate.Id, candidate.FailedAttempts + 1))],
            };
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pairing_codes SET used_at = @now WHERE id = @Id",
            new { matched.Id, now },
            transaction,
            cancellationToken: cancellationToken));
        // Who answered the phone until now: the integration it replaces (its own agent, or the built-in
        // one when the operator chose it), or, with none, the built-in agent when it may answer.
        var before = await IntegrationStore.AgentOfPhoneAsync(connection, transaction, matched.Transport, phone, cancellationToken);
        var builtInAnswered = before is null ? router.RouteToBuiltIn(matched.Transport, phone) is not null : before == IntegrationAgents.BuiltIn;
        var replaced = await integrations.EndPhoneAsync(connection, transaction, matched.Transport, phone, now, cancellationToken);
        var token = Secrets.NewToken(TokenPrefix);
        var integrationId = await IntegrationStore.CreateAsync(connection, transaction, matched.Transport, phone, Secrets.Hash(token), now, cancellationToken);
        var told = builtInAnswered && await TellThePhoneAsync(connection, transaction, matched, phone, integrationId, now, cancellationToken);
        var carded = await cardOffer.OfferAsync(connection, transaction, matched.Transport, matched.MessageId, integrationId, now, cancellationToken);
        return new Exchange(new PairingOutcome { Result = PairingResult.Paired, Token = token, IntegrationId = integrationId, Transport = matched.Transport })
        {
            Told = told || carded,
            Replaced = replaced,
        };
    }

    /// <summary>What the exchange's write decided, acted on once it has committed.</summary>
    private sealed record Exchange(PairingOutcome Outcome)
    {
        /// <summary>The phone was written to (a notice or a contact card): the outbox has work.</summary>
        public bool Told { get; init; }

        public IReadOnlyList<string> Replaced { get; init; } = [];

        /// <summary>Codes a wrong guess counted against, with their new count.</summary>
        public IReadOnlyList<(long Id, long Attempts)> WrongCodes { get; init; } = [];
    }

    /// <summary>
    /// Tells the phone, in the chat it texted <c>/setup</c> from, who answers now; only when the built-in
    /// agent had been answering that chat (it was given a message of it), so a phone paired straight away
    /// hears nothing new.
    /// </summary>
    private static async Task<bool> TellThePhoneAsync(
        DbConnection connection, DbTransaction transaction, CodeRow code, string phone, string integrationId, long now, CancellationToken cancellationToken)
    {
        if (code.MessageId is null
            || await ConversationReader.ConversationOfAsync(connection, transaction, code.MessageId, cancellationToken) is not { } conversationId
            || !await AgentQueueStore.EverQueuedAsync(connection, transaction, AgentLinks.BuiltIn, conversationId, cancellationToken))
        {
            return false;
        }

        await OutboxWriter.WriteAsync(
            connection, transaction, conversationId, code.Transport, [AgentAction.GatewayMessage($"paired:{integrationId}", PairedNotice.Text(phone))], now, cancellationToken);
        return true;
    }

    private sealed record CodeRow
    {
        public long Id { get; init; }
        public string Transport { get; init; } = string.Empty;
        public string Salt { get; init; } = string.Empty;
        public string CodeHash { get; init; } = string.Empty;
        public long FailedAttempts { get; init; }
        public string? MessageId { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Paired integration {IntegrationId}; it replaced {Replaced} earlier integration(s) of the same phone.")]
    private static partial void LogPaired(ILogger logger, string integrationId, int replaced);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A wrong pairing code was given for code {CodeId} (wrong tries: {Tries}).")]
    private static partial void LogWrongCode(ILogger logger, long codeId, long tries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pairing code {CodeId} has had too many wrong tries; it no longer works.")]
    private static partial void LogExhausted(ILogger logger, long codeId);
}
