using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tapback.Gateway.Http;
using Tapback.Gateway.Transports;
using Tapback.Transports.BlueBubbles.Api;

namespace Tapback.Transports.BlueBubbles;

/// <summary>
/// <c>POST /webhooks/{name}?secret=…</c>. BlueBubbles signs nothing and retries nothing, so the
/// secret in the URL is the check, an event is stored before the 200, and whatever is lost anyway
/// (Tapback down, a refused file) is found again by catch-up.
/// </summary>
internal sealed partial class BlueBubblesWebhookReceiver(
    string name,
    BlueBubblesOptions options,
    BlueBubblesInbound inbound,
    BlueBubblesCatchUpSignal catchUp,
    ILogger<BlueBubblesWebhookReceiver> logger) : ITransportWebhookReceiver
{
    private readonly byte[] _secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.WebhookSecret!.Trim()));

    public string Name => name;

    public async Task<IResult> ReceiveAsync(HttpRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!SecretMatches(request.Query["secret"].ToString()))
        {
            LogRefused(logger, name);
            return TypedResults.Problem(
                detail: $"The webhook URL must end in ?secret= and the value of Tapback:Transports:{name}:WebhookSecret.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "The webhook secret is missing or wrong.");
        }

        BlueBubblesEvent? received;
        try
        {
            received = JsonSerializer.Deserialize(body.Span, BlueBubblesJsonContext.Wire.BlueBubblesEvent);
        }
        catch (JsonException)
        {
            return Problems.BadRequest("The body is not JSON; BlueBubbles posts {\"type\": …, \"data\": …}.");
        }

        if (string.IsNullOrWhiteSpace(received?.Type))
        {
            return Problems.BadRequest("type is missing; BlueBubbles posts {\"type\": …, \"data\": …}.");
        }

        try
        {
            var outcome = received.Type switch
            {
                BlueBubblesEventTypes.HelloWorld => Hello(),
                BlueBubblesEventTypes.NewMessage => await inbound.ReceiveAsync(MessageOf(received), cancellationToken),
                BlueBubblesEventTypes.UpdatedMessage => await inbound.ReceiveUpdateAsync(MessageOf(received), cancellationToken),
                BlueBubblesEventTypes.TypingIndicator => await inbound.ReceiveTypingAsync(TypingOf(received), cancellationToken),
                _ => BlueBubblesIngestOutcome.Ignored,
            };
            LogReceived(logger, name, received.Type, outcome);
            return TypedResults.Ok();
        }
        catch (BlueBubblesInvalidEventException invalid)
        {
            return Problems.BadRequest(invalid.Message);
        }
    }

    private BlueBubblesIngestOutcome Hello()
    {
        catchUp.Notify();
        return BlueBubblesIngestOutcome.Ignored;
    }

    private static BlueBubblesMessage MessageOf(BlueBubblesEvent received)
    {
        if (received.Data is not { ValueKind: JsonValueKind.Object } data)
        {
            throw new BlueBubblesInvalidEventException($"data is missing; a {received.Type} event carries the message as data.");
        }

        try
        {
            return data.Deserialize(BlueBubblesJsonContext.Wire.BlueBubblesMessage)
                ?? throw new BlueBubblesInvalidEventException("data is not a message.");
        }
        catch (JsonException exception)
        {
            throw new BlueBubblesInvalidEventException($"data is not a message BlueBubbles sends: {exception.Message}", exception);
        }
    }

    private static TypingIndicator TypingOf(BlueBubblesEvent received)
    {
        try
        {
            return received.Data is { ValueKind: JsonValueKind.Object } data
                ? data.Deserialize(BlueBubblesJsonContext.Wire.TypingIndicator) ?? new TypingIndicator()
                : throw new BlueBubblesInvalidEventException("data is missing; a typing-indicator event carries {guid, display}.");
        }
        catch (JsonException exception)
        {
            throw new BlueBubblesInvalidEventException($"data is not a typing indicator BlueBubbles sends: {exception.Message}", exception);
        }
    }

    // Hashing first makes the comparison take the same time whatever the lengths.
    private bool SecretMatches(string given) =>
        given.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _secretHash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BlueBubbles {Transport}: a webhook without the right secret was refused.")]
    private static partial void LogRefused(ILogger logger, string transport);

    [LoggerMessage(Level = LogLevel.Debug, Message = "BlueBubbles {Transport}: webhook {Type}: {Outcome}.")]
    private static partial void LogReceived(ILogger logger, string transport, string type, BlueBubblesIngestOutcome outcome);
}
