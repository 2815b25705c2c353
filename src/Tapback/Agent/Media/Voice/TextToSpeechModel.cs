using Microsoft.Extensions.AI;

namespace Tapback.Agent.Media.Voice;

/// <summary>The text-to-speech client in use and how to name it in logs.</summary>
internal sealed record TextToSpeechModel
{
    public required ITextToSpeechClient Client { get; init; }
    public required string ModelId { get; init; }
    public required string Voice { get; init; }
    public required string Description { get; init; }
}
