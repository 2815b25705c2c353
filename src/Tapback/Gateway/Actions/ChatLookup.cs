using Tapback.Gateway.Conversations;

namespace Tapback.Gateway.Actions;

/// <summary>What looking up a chat or a message for a caller found: it, or the refusal to answer.</summary>
internal sealed record ChatLookup
{
    public Conversation? Conversation { get; init; }

    public StoredMessage? Message { get; init; }

    public ActionResult.Refused? Refusal { get; init; }

    public void Deconstruct(out Conversation? conversation, out StoredMessage? message, out ActionResult.Refused? refusal) =>
        (conversation, message, refusal) = (Conversation, Message, Refusal);
}
