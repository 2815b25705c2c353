namespace Tapback.Client;

/// <summary><c>error</c>: the gateway could not act on a frame the client sent; nothing was done for it.</summary>
public sealed record ErrorEvent : TapbackEvent
{
    /// <summary>What to fix.</summary>
    public required string Message { get; init; }

    /// <summary>The type of the frame it refused.</summary>
    public string? RequestType { get; init; }

    /// <summary>The refused send's <c>clientMessageId</c>.</summary>
    public string? ClientMessageId { get; init; }
}
