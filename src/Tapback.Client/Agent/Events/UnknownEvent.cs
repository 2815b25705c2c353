using System.Text.Json;

namespace Tapback.Client;

/// <summary>A frame this client does not know (a newer gateway's), or one it could not read; it is acknowledged like any other.</summary>
public sealed record UnknownEvent : TapbackEvent
{
    /// <summary>The frame's <c>data</c>, as sent.</summary>
    public JsonElement Data { get; init; }
}
