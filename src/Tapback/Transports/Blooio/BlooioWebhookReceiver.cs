using System.Text.Json;
using Tapback.Gateway.Http;
using Tapback.Gateway.Transports;
using Tapback.Storage;

namespace Tapback.Transports.Blooio;

/// <summary>
/// Blooio's webhooks at <c>POST /webhooks/{name}</c>: the signature checked over the raw body first,
/// then the event stored before the 2xx, so Blooio retries anything Tapback did not keep.
/// </summary>
internal sealed partial class BlooioWebhookReceiver(
    string name,
    BlooioOptions options,
    BlooioInbound inbound,
    TimeProvider time,
    ILogger<BlooioWebhookReceiver> logger) : ITransportWebhookReceiver
{
    public string Name => name;

    public async Task<IResult> ReceiveAsync(HttpRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var refused = BlooioSignature.Check(request.Headers[BlooioSignature.HeaderName], body.Span, options.WebhookSecret!, time.GetUtcNow(), options.SignatureTolerance);
        if (refused is not null)
        {
            LogRefused(logger, name, refused);
            return TypedResults.Problem(detail: refused, statusCode: StatusCodes.Status401Unauthorized, title: "The webhook signature is not valid.");
        }

        BlooioEvent? incoming;
        try
        {
            incoming = JsonSerializer.Deserialize(body.Span, BlooioJsonContext.Wire.BlooioEvent);
        }
        catch (JsonException exception)
        {
            return Problems.BadRequest($"The body is not a Blooio event: {exception.Message}");
        }

        if (incoming is null)
        {
            return Problems.BadRequest("The body is not a Blooio event.");
        }

        string? problem;
        try
        {
            problem = await inbound.HandleAsync(incoming, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !UnstorableTextExceptionHandler.IsUnstorableText(exception))
        {
            // Not stored: Blooio retries a 503, and nothing was acknowledged that was not kept.
            LogFailed(logger, exception, name, incoming.Event ?? "(none)");
            return TypedResults.Problem(detail: "Tapback could not store the event; retry later.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not stored.");
        }

        return problem is null ? TypedResults.Ok() : Problems.BadRequest(problem);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blooio transport {Transport} refused a webhook: {Reason}")]
    private static partial void LogRefused(ILogger logger, string transport, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Blooio transport {Transport} could not store a {EventType} event.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string transport, string eventType);
}
