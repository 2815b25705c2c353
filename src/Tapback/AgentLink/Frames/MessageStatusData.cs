namespace Tapback.AgentLink.Frames;

/// <summary><c>message.delivered</c> / <c>message.read</c>: the phone's receipt for an agent message.</summary>
internal sealed record MessageStatusData(string MessageId, string ChatId);
