namespace Tapback.Messaging;

/// <summary>A provider refused or failed an action; <see cref="Retryable"/> says whether a later try may succeed.</summary>
internal sealed class TransportException : Exception
{
    public TransportException(string message, bool retryable, Exception? innerException = null)
        : base(message, innerException) => Retryable = retryable;

    public TransportException()
    {
    }

    public TransportException(string message)
        : base(message)
    {
    }

    public TransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool Retryable { get; }

    /// <summary>
    /// True when the request may have reached the provider before it failed (a timeout, a connection
    /// dropped after the body was sent). Such a send is never blindly repeated: the outbox asks an
    /// <see cref="IReconcilingTransport"/> what happened, or reports the outcome as unknown.
    /// </summary>
    public bool OutcomeUnknown { get; init; }

    /// <summary>How long the provider asked us to wait (429 Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
