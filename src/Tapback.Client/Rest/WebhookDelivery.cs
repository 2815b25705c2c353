namespace Tapback.Client;

/// <summary>One line of a webhook's delivery log.</summary>
public sealed record WebhookDelivery
{
    /// <summary>Its id (<c>whd_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The event's id (the <c>webhook-id</c> header).</summary>
    public required string EventId { get; init; }

    /// <summary>The event's type.</summary>
    public required string Type { get; init; }

    /// <summary>Where it goes.</summary>
    public required string Url { get; init; }

    /// <summary>The conversation.</summary>
    public string? ConversationId { get; init; }

    /// <summary>The message, when the event is about one.</summary>
    public string? MessageId { get; init; }

    /// <summary><c>pending</c>, <c>delivered</c>, <c>dead</c> or <c>cancelled</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Attempts made.</summary>
    public int Attempts { get; init; }

    /// <summary>The last attempt's HTTP status.</summary>
    public int? LastStatusCode { get; init; }

    /// <summary>The last attempt's error.</summary>
    public string? LastError { get; init; }

    /// <summary>When it was last tried.</summary>
    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>When it is tried next.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>When it was delivered.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>When it was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
