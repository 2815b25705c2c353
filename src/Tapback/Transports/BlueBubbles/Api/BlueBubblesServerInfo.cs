using System.Text.Json.Serialization;

namespace Tapback.Transports.BlueBubbles.Api;

/// <summary>The part of <c>GET /server/info</c> Tapback reads.</summary>
internal sealed record BlueBubblesServerInfo
{
    [JsonPropertyName("private_api")]
    public bool PrivateApi { get; init; }

    [JsonPropertyName("helper_connected")]
    public bool? HelperConnected { get; init; }

    [JsonPropertyName("server_version")]
    public string? ServerVersion { get; init; }

    [JsonPropertyName("os_version")]
    public string? OsVersion { get; init; }
}
