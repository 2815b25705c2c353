using Tapback.Gateway.Conversations;

namespace Tapback.Gateway.Actions;

/// <summary>What looking up a chat or a message for an integration found: it, or the problem to answer.</summary>
internal sealed record ChatLookup
{
    public Conversation? Conversation { get; init; }

    public StoredMessage? Message { get; init; }

    public IResult? Problem { get; init; }
}
