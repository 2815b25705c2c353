using Tapback.Messaging.Handles;

namespace Tapback.Gateway.Actions;

/// <summary>Whether a handle is on iMessage, asked of the caller's transport (<see cref="HandleLookups"/> keeps the answers).</summary>
internal sealed partial class AgentActions
{
    /// <summary>
    /// Looks up the caller's own person: an integration its paired phone on the transport it paired on,
    /// the built-in agent the person of its one-to-one turn. Other handles are refused: each lookup is
    /// asked of the operator's account, and a credential that could ask about any number would be a free
    /// "who is on iMessage" oracle paid for with that account's standing.
    /// </summary>
    public async Task<HandleLookupResult> LookupAsync(ActionCaller caller, string handle, CancellationToken cancellationToken = default)
    {
        if (!HandleNormalizer.TryNormalize(handle, out var normalized))
        {
            return new(null, Refusals.NotAHandle(handle));
        }

        var (own, transport) = caller switch
        {
            { Integration: { } integration } => (integration.Phone, integration.Transport),
            { Turn: { IsGroup: false } turn } => (turn.Handle, turn.Transport),
            _ => (null, null),
        };
        if (own is null || transport is null || !string.Equals(own, normalized, StringComparison.OrdinalIgnoreCase))
        {
            return new(null, caller.Integration is null ? Refusals.LookupNotInTurn() : Refusals.LookupOtherHandle(handle));
        }

        if (!chats.Capabilities(transport).HandleLookup)
        {
            return new(null, Refusals.NoHandleLookup(transport));
        }

        return await lookups.CheckAsync(transport, normalized, cancellationToken) is { } answer
            ? new(answer, null)
            : new(null, Refusals.LookupFailed(transport));
    }
}

/// <summary>A lookup's answer, or the refusal to give one.</summary>
internal sealed record HandleLookupResult(HandleAnswer? Answer, ActionResult.Refused? Refusal);
