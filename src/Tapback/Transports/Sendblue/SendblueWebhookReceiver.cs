using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tapback.Gateway.Http;
using Tapback.Gateway.Transports;
using Tapback.Storage;

namespace Tapback.Transports.Sendblue;

/// <summary>
/// Sendblue's webhooks at <c>POST /webhooks/{name}</c>. Sendblue does not sign; it sends the configured
/// secret in <c>sb-signing-secret</c>, compared in constant time before the body is parsed or anything stored.
/// </summary>
internal sealed partial class SendblueWebhookReceiver(
    string name,
    SendblueOptions options,
    SendblueInbound inbound,
    ILogger<SendblueWebhookReceiver> logger) : ITransportWebhookReceiver
{
    public const string SecretHeader = "sb-signing-secret";

    private readonly byte[] _secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.WebhookSecret!));

    public string Name => name;

    public async Task<IResult> ReceiveAsync(HttpRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Hashing first makes the comparison constant-time whatever the lengths.
        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(request.Headers[SecretHeader].ToString()));
        if (!CryptographicOperations.FixedTimeEquals(offered, _secretHash))
        {
            LogRefused(logger, name);
            return TypedResults.Problem(
                detail: $"The {SecretHeader} header does not hold this transport's WebhookSecret.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "The webhook secret is not valid.");
        }

        SendblueMessage? incoming;
        try
        {
            incoming = JsonSerializer.Deserialize(body.Span, SendblueJsonContext.Default.SendblueMessage);
        }
        catch (JsonException exception)
        {
            return Problems.BadRequest($"The body is not a Sendblue message: {exception.Message}");
        }

        if (incoming is null)
        {
            return Problems.BadRequest("The body is not a Sendblue message.");
        }

        string? problem;
        try
        {
            problem = await inbound.HandleAsync(incoming, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !UnstorableTextExceptionHandler.IsUnstorableText(exception))
        {
            LogFailed(logger, exception, name);
            return TypedResults.Problem(detail: "Tapback could not store the message; retry later.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not stored.");
        }

        return problem is null ? TypedResults.Ok() : Problems.BadRequest(problem);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sendblue transport {Transport} refused a webhook with a wrong or missing sb-signing-secret.")]
    private static partial void LogRefused(ILogger logger, string transport);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sendblue transport {Transport} could not store a webhook.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string transport);
}
