using System.Text.Json.Serialization;

namespace Tapback.Transports.Blooio;

/// <summary>The answer of <c>GET /contacts/{contact}/capabilities</c>: <c>{contact, capabilities: {imessage, sms}}</c>.</summary>
internal sealed record BlooioCapabilities
{
    [JsonPropertyName("contact")]
    public string? Contact { get; init; }

    [JsonPropertyName("capabilities")]
    public BlooioCapabilityFlags? Capabilities { get; init; }
}

internal sealed record BlooioCapabilityFlags
{
    [JsonPropertyName("imessage")]
    public bool? IMessage { get; init; }

    [JsonPropertyName("sms")]
    public bool? Sms { get; init; }
}
