using Microsoft.Extensions.AI;

namespace Tapback.Agent.Memory;

/// <summary>What a turn sends the model of the session: the rolling summary, if any, and recent messages.</summary>
internal sealed record PromptContext(string? Summary, IReadOnlyList<ChatMessage> Messages);
