using System.Text.Json.Serialization;

namespace Tapback.Client;

/// <summary>Whether the paired phone is on iMessage.</summary>
public sealed record HandleLookup
{
    /// <summary>The handle, normalised.</summary>
    public required string Handle { get; init; }

    /// <summary>True (iMessage), false (SMS only) or null (the transport cannot tell).</summary>
    [JsonPropertyName("imessage")]
    public bool? IMessage { get; init; }

    /// <summary>When the transport was asked (answers are reused for a day).</summary>
    public DateTimeOffset CheckedAt { get; init; }
}
