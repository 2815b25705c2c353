using Microsoft.Extensions.AI;

namespace Tapback.Agent.Memory;

/// <summary>What a turn sends the model of the session: the rolling summary, if any, and recent messages.</summary>
/// <param name="Memory">What the reads behind it found, for the summarizer after the turn (<see cref="MemoryRead"/>).</param>
internal sealed record PromptContext(string? Summary, IReadOnlyList<ChatMessage> Messages, MemoryRead? Memory = null);
