namespace Tapback.Tests.AgentLink.Webhooks;

/// <summary>What <see cref="WebhookReceiver"/> does with one request.</summary>
internal enum ReceiverAnswer
{
    Ok,
    ServerError,

    /// <summary>Never answers: the sender's timeout has to end the attempt.</summary>
    Hang,
}
