namespace Tapback.Gateway.Actions;

/// <summary>Show or hide the typing indicator in a chat. Needs no key: showing it twice is harmless.</summary>
internal sealed record TypingCommand
{
    public required ChatRef Chat { get; init; }

    public required bool On { get; init; }
}
