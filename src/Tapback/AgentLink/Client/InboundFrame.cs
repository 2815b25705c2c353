using System.Text.Json;

namespace Tapback.AgentLink.Client;

/// <summary>One frame from the gateway: its <c>type</c>, its <c>seq</c> when acks are on, and its <c>data</c>.</summary>
internal sealed record InboundFrame(string Type, long? Seq, JsonElement Data);
