using System.Threading.Channels;

namespace Tapback.Gateway.Integrations.Credentials;

/// <summary>
/// Says "a credential of this integration stopped working" (an API key revoked, the integration
/// deleted or its phone paired again) to every node, so that <see cref="CredentialSessions"/> closes
/// the sessions opened with it at once. Only a nudge, like the wake-ups of the queues: the sessions
/// check their credential against the store, so a repeated nudge closes nothing twice and a lost one
/// is caught by the sessions' own recheck.
/// </summary>
internal sealed class CredentialRevocations
{
    // Integration ids to look at; null means every session here (the nudges of other nodes may have been missed).
    private readonly Channel<string?> _pending = Channel.CreateUnbounded<string?>(new() { SingleReader = true });
    private Action<string>? _relay;

    /// <summary>Call after the revoking transaction committed: this node and, on a shared store, every other node look again.</summary>
    public void Revoked(string integrationId)
    {
        NotifyHere(integrationId);
        _relay?.Invoke(integrationId);
    }

    /// <summary>Looks again at this node's sessions of <paramref name="integrationId"/> (a nudge from another node, or a session just opened).</summary>
    public void NotifyHere(string integrationId) => _pending.Writer.TryWrite(integrationId);

    /// <summary>Looks again at every session on this node: after a lost connection to the other nodes, any nudge may have been missed.</summary>
    public void NotifyAllHere() => _pending.Writer.TryWrite(null);

    /// <summary>Passes every <see cref="Revoked"/> on to the other nodes (see <see cref="ClusterWakeUps"/>).</summary>
    public void RelayTo(Action<string> relay) => _relay = relay;

    internal ChannelReader<string?> Pending => _pending.Reader;
}
