using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Tapback.Gateway.Integrations.Credentials;

/// <summary>
/// Every session open on this node that a credential let in (an agent WebSocket, an MCP request in
/// flight), and the one rule that ends them: when <see cref="CredentialRevocations"/> says an
/// integration's credentials changed, each of its sessions checks its own credential against the
/// store and is closed if it no longer works. A session never outlives its credential by more than
/// that nudge, or by <see cref="Recheck"/> when a nudge was lost.
/// </summary>
internal sealed partial class CredentialSessions(
    CredentialRevocations revocations,
    IntegrationCredentials credentials,
    TimeProvider time,
    ILogger<CredentialSessions> logger) : BackgroundService
{
    /// <summary>How often every session is checked without a nudge: only bounds a lost one.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Session, byte> _open = new();

    /// <summary>
    /// Registers a session that <paramref name="principal"/> opened; <paramref name="close"/> ends it with
    /// a reason a person can read, at most once and never after the result is disposed. Dispose the
    /// result when the session ends.
    /// </summary>
    public IDisposable Open(IntegrationPrincipal principal, Action<string> close)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(close);
        var session = new Session(this, principal, close);
        _open.TryAdd(session, 0);
        return session;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = revocations.Pending;
        var integrations = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var all = !await WaitAsync(pending, stoppingToken);
                while (pending.TryRead(out var integrationId))
                {
                    all |= integrationId is null;
                    if (integrationId is not null)
                    {
                        integrations.Add(integrationId);
                    }
                }

                await CheckAsync(session => all || integrations.Contains(session.Principal.IntegrationId), stoppingToken);
                integrations.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>True when nudged, false when <see cref="Recheck"/> passed first.</summary>
    private async Task<bool> WaitAsync(ChannelReader<string?> pending, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var nudged = pending.WaitToReadAsync(linked.Token).AsTask();
        var first = await Task.WhenAny(nudged, Task.Delay(Recheck, time, linked.Token));
        await linked.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return first == nudged;
    }

    private async Task CheckAsync(Func<Session, bool> which, CancellationToken cancellationToken)
    {
        // Many sessions share a credential (an MCP host's parallel calls): the store is asked once per credential.
        var verdicts = new Dictionary<(string IntegrationId, string? ApiKeyId), string?>();
        foreach (var session in _open.Keys.Where(which))
        {
            var principal = session.Principal;
            var credential = (principal.IntegrationId, principal.ApiKeyId);
            try
            {
                if (!verdicts.TryGetValue(credential, out var reason))
                {
                    reason = await credentials.RevocationOfAsync(principal, cancellationToken);
                    verdicts[credential] = reason;
                }

                if (reason is not null && session.Close(reason))
                {
                    LogClosed(logger, principal.IntegrationId, principal.Kind, reason);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The session stays open until the next nudge or recheck; the credential check of every new request still holds.
                LogCheckFailed(logger, principal.IntegrationId, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed a session of integration {IntegrationId} opened with its {Kind}: {Reason}.")]
    private static partial void LogClosed(ILogger logger, string integrationId, CredentialKind kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check whether the credential of a session of integration {IntegrationId} still works; checking again at the next nudge.")]
    private static partial void LogCheckFailed(ILogger logger, string integrationId, Exception exception);

    private sealed class Session(CredentialSessions owner, IntegrationPrincipal principal, Action<string> close) : IDisposable
    {
        // Close and Dispose exclude each other: a request's HttpContext is reused once the request ends,
        // so a close must never reach it after Dispose.
        private readonly Lock _lock = new();
        private bool _ended;

        public IntegrationPrincipal Principal => principal;

        public bool Close(string reason)
        {
            lock (_lock)
            {
                if (_ended)
                {
                    return false;
                }

                _ended = true;
                close(reason);
                return true;
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _ended = true;
            }

            owner._open.TryRemove(this, out _);
        }
    }
}
