namespace Tapback.Gateway.Transports;

/// <summary>
/// A transport instance that receives its provider's webhooks at <c>POST /webhooks/{instance name}</c>.
/// The endpoint reads the raw body once (signatures are computed over the exact bytes) and hands it
/// here; the receiver verifies, normalises and stores the event in the inbox before it answers, so a
/// 2xx always means "stored".
/// </summary>
internal interface ITransportWebhookReceiver
{
    /// <summary>The transport instance name, as configured under <c>Tapback:Transports</c>.</summary>
    string Name { get; }

    /// <summary>Verifies and stores one webhook; returns the HTTP answer (a problem for bad input, never a throw).</summary>
    Task<IResult> ReceiveAsync(HttpRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}
