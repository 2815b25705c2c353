namespace Tapback.Client;

/// <summary>
/// An action that carries no key (typing, read, tapback, edit, unsend, upload) was asked while no
/// connection is open; nothing was sent. Sends never throw this: they wait for the next connection.
/// </summary>
public sealed class TapbackNotConnectedException : Exception
{
    /// <summary>Creates the exception naming the action.</summary>
    public TapbackNotConnectedException(string frameType)
        : base($"Not connected to the gateway: {frameType} was not sent. Try again once connected (IsConnected, or the next ConnectedEvent).")
    {
        FrameType = frameType;
    }

    /// <summary>The frame that was not sent.</summary>
    public string FrameType { get; }
}
