namespace Tapback.Client;

/// <summary><c>connected</c>: the gateway answered <c>ready</c>; the waiting events follow.</summary>
public sealed record ConnectedEvent : TapbackEvent
{
    /// <summary>How many <c>message.received</c> wait.</summary>
    public long QueuedCount { get; init; }

    /// <summary>How many other events wait.</summary>
    public long OtherQueuedCount { get; init; }

    /// <summary>Whether acknowledged delivery is on (this client always asks for it).</summary>
    public bool Acks { get; init; }

    /// <summary>The integration this token belongs to.</summary>
    public string? IntegrationId { get; init; }

    /// <summary>The operator's settings, when any are set.</summary>
    public IntegrationSettings? Settings { get; init; }
}
