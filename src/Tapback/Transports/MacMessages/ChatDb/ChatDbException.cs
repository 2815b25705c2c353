namespace Tapback.Transports.MacMessages.ChatDb;

/// <summary>chat.db could not be read; the message says why in plain words (Full Disk Access, a missing file).</summary>
internal sealed class ChatDbException : Exception
{
    public ChatDbException()
    {
    }

    public ChatDbException(string message)
        : base(message)
    {
    }

    public ChatDbException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Messages held a lock (SQLITE_BUSY): the next poll reads again.</summary>
    public bool Busy { get; init; }
}
