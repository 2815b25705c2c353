using Tapback.Messaging;

namespace Tapback.Gateway.Inbox;

/// <summary>A provider's report on a message we sent: delivered, read, or failed.</summary>
internal sealed record InboundStatus
{
    public required string Transport { get; init; }

    /// <summary>The provider's id for this report (or a stable derivation): the dedupe key.</summary>
    public required string EventId { get; init; }

    /// <summary>The provider's id of the message the report is about, as the transport returned it when sending.</summary>
    public required string ProviderMessageId { get; init; }

    public required DeliveryStatus Status { get; init; }

    public DateTimeOffset? At { get; init; }

    /// <summary>The provider's reason, for a failure.</summary>
    public string? Error { get; init; }
}
