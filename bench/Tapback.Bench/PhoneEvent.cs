namespace Tapback.Bench;

/// <summary>One simulator event a phone saw (<c>typing.started</c>, <c>message.received</c>, …) and when it arrived.</summary>
internal sealed record PhoneEvent(string Phone, string Type, string? Text, long ArrivedAt);
