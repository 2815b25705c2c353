namespace Tapback.Tests.Transports.Blooio;

/// <summary>A message in the fake Blooio's history.</summary>
internal sealed record FakeBlooioMessage(string MessageId, string ChatId, string Direction, string? Sender, string Text, long TimeSent, string? IdempotencyKey);
