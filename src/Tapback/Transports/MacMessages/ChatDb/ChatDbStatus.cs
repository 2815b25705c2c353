namespace Tapback.Transports.MacMessages.ChatDb;

/// <summary>The columns Messages updates on a row we sent as it is delivered, read, or fails.</summary>
internal sealed record ChatDbStatus
{
    public string Guid { get; init; } = string.Empty;
    public long IsDelivered { get; init; }
    public long DateDelivered { get; init; }
    public long DateRead { get; init; }
    public long Error { get; init; }
}
