namespace Tapback.Transports.BlueBubbles;

/// <summary>A webhook or queried message Tapback cannot store; the message says which field is wrong.</summary>
internal sealed class BlueBubblesInvalidEventException : Exception
{
    public BlueBubblesInvalidEventException()
    {
    }

    public BlueBubblesInvalidEventException(string message)
        : base(message)
    {
    }

    public BlueBubblesInvalidEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
