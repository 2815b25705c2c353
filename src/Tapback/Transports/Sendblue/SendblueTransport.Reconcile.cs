using System.Globalization;
using System.Text.Json;
using Tapback.Messaging;

namespace Tapback.Transports.Sendblue;

internal sealed partial class SendblueTransport
{
    /// <summary>Clocks differ: look a little before the attempt for the message Sendblue recorded.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Looks for our message with the same text in the chat since just before the attempt. Sendblue
    /// records a message before it answers the send, so an answered query without it means it was never taken.
    /// </summary>
    public async Task<SendReconciliation> ReconcileAsync(SendMessageAction action, DateTimeOffset attemptedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var filter = IsGroupChat(action.ChatId) ? $"group_id={Uri.EscapeDataString(action.ChatId)}" : $"number={Uri.EscapeDataString(action.ChatId)}";
        IReadOnlyList<SendblueMessage> messages;
        try
        {
            messages = await ListAsync($"{filter}&is_outbound=true", attemptedAt - ClockSlack, cancellationToken);
        }
        catch (TransportException)
        {
            LogReconciled(logger, name, SendReconciliationOutcome.Unknown);
            return SendReconciliation.Unknown;
        }

        var match = messages.FirstOrDefault(message => string.Equals(message.Content, action.Text, StringComparison.Ordinal));
        var result = match is null ? SendReconciliation.NotSent : SendReconciliation.Sent(match.MessageHandle);
        LogReconciled(logger, name, result.Outcome);
        return result;
    }

    /// <summary>Messages matching a filter, created since a point, oldest first.</summary>
    internal async Task<IReadOnlyList<SendblueMessage>> ListAsync(string filter, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var gte = Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            new Uri(BaseWithSlash(), $"api/v2/messages?{filter}&created_at_gte={gte}&order_by=createdAt&order_direction=asc&limit=100"));
        var body = await SendAsync(request, "the message query", isSend: false, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(body, SendblueJsonContext.Wire.SendblueMessagePage)?.Data ?? [];
        }
        catch (JsonException exception)
        {
            throw new TransportException($"Sendblue answered the message query with unreadable JSON: {exception.Message}", retryable: true, exception);
        }
    }
}
