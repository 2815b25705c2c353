using Microsoft.Extensions.AI;

namespace Tapback.Agent.Media.Voice;

/// <summary>The speech-to-text client in use and how to name it in logs.</summary>
internal sealed record SpeechToTextModel
{
    public required ISpeechToTextClient Client { get; init; }
    public required string Provider { get; init; }
    public required string ModelId { get; init; }
    public required string Description { get; init; }
}
