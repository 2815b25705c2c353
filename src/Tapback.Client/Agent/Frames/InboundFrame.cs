using System.Text.Json;

namespace Tapback.Client;

/// <summary>One frame from the gateway: its <c>type</c>, its <c>seq</c>, and its <c>data</c>.</summary>
internal sealed record InboundFrame(string Type, long? Seq, JsonElement Data);
