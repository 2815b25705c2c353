namespace Tapback.AgentLink.Frames;

/// <summary><c>typing.started</c> / <c>typing.stopped</c>.</summary>
internal sealed record TypingData(string ChatId);
