using System.Text.Json.Serialization;

namespace Tapback.Transports.Blooio;

/// <summary>A send's <c>reply_to</c>: the Blooio message id it answers inline (the shape for a message Blooio minted).</summary>
internal sealed record BlooioReplyTo([property: JsonPropertyName("message_id")] string MessageId);
