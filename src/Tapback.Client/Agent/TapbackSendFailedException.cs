namespace Tapback.Client;

/// <summary>The gateway reported <c>message.failed</c> for a send, or refused its frame with an <c>error</c>.</summary>
public sealed class TapbackSendFailedException : Exception
{
    /// <summary>Creates the exception with the gateway's sentence.</summary>
    public TapbackSendFailedException(string clientMessageId, string error, string? messageId, bool refused)
        : base(refused ? $"The gateway refused the send {clientMessageId}: {error}" : $"The send {clientMessageId} failed: {error}")
    {
        ClientMessageId = clientMessageId;
        Error = error;
        MessageId = messageId;
        Refused = refused;
    }

    /// <summary>The send's key.</summary>
    public string ClientMessageId { get; }

    /// <summary>The gateway's sentence.</summary>
    public string Error { get; }

    /// <summary>The failed message's id, when one was made.</summary>
    public string? MessageId { get; }

    /// <summary>True when the frame was refused (nothing was queued): fix the request, do not retry it as is.</summary>
    public bool Refused { get; }
}
