namespace Tapback.Messaging;

/// <summary>Where an outbound message is, as the provider reports it.</summary>
internal enum DeliveryStatus
{
    Sent,
    Delivered,
    Read,
    Failed,
}
