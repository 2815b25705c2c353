using System.Collections.Concurrent;

namespace Tapback.Gateway.Integrations;

/// <summary>
/// Which integrations have a live agent connection on this node: one each, a newer one replaces the
/// older. The agent WebSocket attaches here. A revoked credential closes its socket through
/// <see cref="Credentials.CredentialSessions"/>, with <see cref="ReplacedCloseCode"/> too.
/// </summary>
internal sealed class IntegrationConnections
{
    /// <summary>The WebSocket close code that means "replaced or revoked; do not reconnect".</summary>
    public const int ReplacedCloseCode = 4000;

    private readonly ConcurrentDictionary<string, Attachment> _live = new(StringComparer.Ordinal);

    public bool IsConnected(string integrationId) => _live.ContainsKey(integrationId);

    /// <summary>
    /// Attaches a connection; a connection already attached for the integration is told to close with
    /// <see cref="ReplacedCloseCode"/>. Dispose the result when the connection ends.
    /// </summary>
    public IDisposable Attach(string integrationId, Action<int, string> close)
    {
        var attachment = new Attachment(this, integrationId, close);
        Attachment? previous = null;
        _live.AddOrUpdate(integrationId, attachment, (_, existing) =>
        {
            previous = existing;
            return attachment;
        });
        previous?.Close(ReplacedCloseCode, "replaced by another connection");
        return attachment;
    }

    /// <summary>Closes every connection attached here (the node is stopping).</summary>
    public void CloseAll(int code, string reason)
    {
        foreach (var integrationId in _live.Keys)
        {
            if (_live.TryRemove(integrationId, out var attachment))
            {
                attachment.Close(code, reason);
            }
        }
    }

    private sealed class Attachment(IntegrationConnections owner, string integrationId, Action<int, string> close) : IDisposable
    {
        public void Close(int code, string reason) => close(code, reason);

        public void Dispose() => owner._live.TryRemove(new KeyValuePair<string, Attachment>(integrationId, this));
    }
}
