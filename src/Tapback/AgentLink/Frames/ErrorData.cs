namespace Tapback.AgentLink.Frames;

/// <summary><c>error</c>: what was wrong with a frame; the connection stays open.</summary>
internal sealed record ErrorData(string Message, string? RequestType = null, string? ClientMessageId = null);
