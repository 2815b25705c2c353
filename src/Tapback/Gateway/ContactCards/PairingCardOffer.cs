using System.Data.Common;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Outbox;
using Tapback.Gateway.Transports;
using Tapback.Storage;

namespace Tapback.Gateway.ContactCards;

/// <summary>
/// After a phone pairs, the agent offers its contact card in the chat that texted <c>/setup</c>, so the
/// person can save the number under the agent's name (as Superagent does after its setup). Written in
/// the exchange's transaction, after the paired notice if there is one; only where the transport
/// carries files or cards and a number is known (<see cref="AgentContactCards"/>); off with
/// <c>Tapback:ContactCards:SendAfterPairing = false</c>.
/// </summary>
internal sealed partial class PairingCardOffer(AgentContactCards cards, TransportRegistry transports, IOptions<ContactCardOptions> options, ILogger<PairingCardOffer> logger)
{
    /// <summary>True when a card was queued (the caller wakes the outbox after commit).</summary>
    public async Task<bool> OfferAsync(
        DbConnection connection, DbTransaction transaction, string transport, string? setupMessageId, string integrationId, long now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.SendAfterPairing || setupMessageId is null || !AgentContactCards.Carries(transports.CapabilitiesOf(transport))
            || await ConversationReader.ConversationOfAsync(connection, transaction, setupMessageId, cancellationToken) is not { } conversationId
            || await ConversationReader.FindAsync(connection, transaction, conversationId, cancellationToken) is not { } conversation)
        {
            return false;
        }

        // A new integration has no settings yet: the card carries the configured name.
        var card = await cards.BuildAsync(Ids.Derived("att", "paired", integrationId, "card"), botName: null, transport, conversation.ChatId, cancellationToken);
        if (card is null)
        {
            LogNoNumber(logger, integrationId, transport);
            return false;
        }

        await OutboxWriter.WriteAsync(
            connection,
            transaction,
            conversation.Id,
            transport,
            [AgentAction.GatewayMessage($"paired:{integrationId}:card", settings.PairingText.Trim()) with { Attachments = [card] }],
            now,
            cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Integration {IntegrationId} paired, but no contact card was offered: no number is known for transport {Transport} (set Tapback:ContactCards:Numbers:<transport>).")]
    private static partial void LogNoNumber(ILogger logger, string integrationId, string transport);
}
