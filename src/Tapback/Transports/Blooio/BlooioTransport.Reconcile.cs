using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Tapback.Messaging;
using Tapback.Transports.Hosted;

namespace Tapback.Transports.Blooio;

internal sealed partial class BlooioTransport
{
    /// <summary>Clocks differ: look a little before the attempt for the message Blooio recorded.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Looks for the send among the chat's outbound messages since just before the attempt. Blooio
    /// records a message when it accepts it, so an answered query without it means it was never taken.
    /// </summary>
    public async Task<SendReconciliation> ReconcileAsync(SendMessageAction action, DateTimeOffset attemptedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        IReadOnlyList<BlooioListedMessage> messages;
        try
        {
            messages = await ListAsync(action.ChatId, attemptedAt - ClockSlack, "outbound", cancellationToken);
        }
        catch (TransportException)
        {
            LogReconciled(logger, name, SendReconciliationOutcome.Unknown);
            return SendReconciliation.Unknown;
        }

        var match = messages.FirstOrDefault(message => string.Equals(message.Text, action.Text, StringComparison.Ordinal));
        var result = match is null ? SendReconciliation.NotSent : SendReconciliation.Sent(match.MessageId);
        LogReconciled(logger, name, result.Outcome);
        return result;
    }

    /// <summary>A chat's messages since a point, oldest first, in one direction.</summary>
    internal async Task<IReadOnlyList<BlooioListedMessage>> ListAsync(string chatId, DateTimeOffset since, string direction, CancellationToken cancellationToken)
    {
        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"chats/{Uri.EscapeDataString(chatId)}/messages?direction={direction}&since={since.ToUnixTimeMilliseconds()}&sort=asc&limit=200");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseWithSlash(), query));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        var call = new HostedCall
        {
            Provider = "Blooio",
            What = "the message query",
            CredentialSettings = $"{TransportsServiceCollectionExtensions.SectionName}:{name}:ApiKey",
            Timeout = options.RequestTimeout,
        };
        var body = await HostedHttp.SendAsync(Client(), request, call, time, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(body, BlooioJsonContext.Wire.BlooioMessagePage)?.Messages ?? [];
        }
        catch (JsonException exception)
        {
            throw new TransportException($"Blooio answered the message query with unreadable JSON: {exception.Message}", retryable: true, exception);
        }
    }
}
