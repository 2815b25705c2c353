using System.Text.Json.Serialization;

namespace Tapback.Transports.Blooio;

/// <summary>An attachment as Blooio names it: a bare URL string in the docs, <c>{url, name}</c> in real deliveries.</summary>
[JsonConverter(typeof(BlooioAttachmentConverter))]
internal sealed record BlooioAttachment(string Url, string? Name = null);
