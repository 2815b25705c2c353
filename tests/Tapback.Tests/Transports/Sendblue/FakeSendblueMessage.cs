namespace Tapback.Tests.Transports.Sendblue;

/// <summary>A message in the fake Sendblue's history; <see cref="Line"/> is our number, <see cref="Number"/> the other party.</summary>
internal sealed record FakeSendblueMessage(string Handle, bool IsOutbound, string? Number, string Line, string? GroupId, string Content, DateTimeOffset At);
