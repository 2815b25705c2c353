using System.Data;
using System.Threading.Channels;
using Npgsql;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Integrations.Credentials;
using Tapback.Gateway.Outbox;
using Tapback.Storage;

namespace Tapback.Gateway;

/// <summary>
/// Carries wake-ups between the nodes of a shared PostgreSQL store with LISTEN/NOTIFY: an event
/// stored on node B wakes the agent WebSocket, the webhook worker and the queue workers on node A at
/// once instead of at their next poll, and a credential revoked on node B closes the sessions it
/// opened on node A. Only nudges travel (the rows are the truth), so a lost one
/// delays work and loses nothing; and it says when the in-memory copies of <see cref="ClusterCopies"/>
/// must be read again. On SQLite (one node) this does nothing.
/// </summary>
internal sealed partial class ClusterWakeUps(
    Database database,
    AgentQueueSignal agentQueue,
    OutboxSignal outbox,
    AgentLinkSignals links,
    CredentialRevocations revocations,
    ClusterCopies copies,
    TimeProvider time,
    ILogger<ClusterWakeUps> logger) : BackgroundService
{
    internal const string Channel = "tapback_wake";
    private const string AgentQueueToken = "q";
    private const string OutboxToken = "o";
    private const string WebhooksToken = "w";
    private const string LinkPrefix = "l:";
    private const string RevokedPrefix = "r:";

    // In place of a node's id: a nudge every node acts on, the sender too (ClusterCopies).
    private const string EveryNode = "*";

    // Tells this node's own notifications apart from the others' (PostgreSQL echoes them to every listener).
    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly Channel<string> _outgoing = System.Threading.Channels.Channel.CreateUnbounded<string>(new() { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!database.IsPostgres)
        {
            return;
        }

        agentQueue.RelayTo(() => _outgoing.Writer.TryWrite(AgentQueueToken));
        outbox.RelayTo(() => _outgoing.Writer.TryWrite(OutboxToken));
        links.Webhooks.RelayTo(() => _outgoing.Writer.TryWrite(WebhooksToken));
        links.RelayTo(link => _outgoing.Writer.TryWrite(LinkPrefix + link));
        revocations.RelayTo(integrationId => _outgoing.Writer.TryWrite(RevokedPrefix + integrationId));
        await Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = (NpgsqlConnection)await database.OpenAsync(cancellationToken);
                try
                {
                    connection.Notification += (_, notification) => Receive(notification.Payload);
                    await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    {
                        await listen.ExecuteNonQueryAsync(cancellationToken);
                    }

                    // Whatever was notified while this node was not listening is looked at now.
                    copies.SetListening(true);
                    WakeAllHere();
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        await connection.WaitAsync(cancellationToken);
                    }
                }
                finally
                {
                    // From now until listening again, nudges go unheard: no in-memory copy is trusted.
                    copies.SetListening(false);
                    await StopListeningAsync(connection);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogListenFailed(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
        }
    }

    // Pooled connections go back without Npgsql's session reset (Database), so the LISTEN is undone
    // here: otherwise the pool's next user of this connection would take this channel's notifications.
    // A connection that cannot run it is broken, and the pool discards a broken connection.
    private static async Task StopListeningAsync(NpgsqlConnection connection)
    {
        if (connection.FullState != ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var unlisten = new NpgsqlCommand($"UNLISTEN {Channel}", connection);
            await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
        }
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(cancellationToken))
            {
                // Everything queued since the last round goes in one statement, each token once.
                while (_outgoing.Reader.TryRead(out var token))
                {
                    tokens.Add(token);
                }

                try
                {
                    await using var connection = (NpgsqlConnection)await database.OpenAsync(cancellationToken);
                    await using var command = new NpgsqlCommand { Connection = connection };
                    var calls = new List<string>();
                    foreach (var token in tokens)
                    {
                        var name = $"p{calls.Count}";
                        calls.Add($"pg_notify('{Channel}', @{name})");
                        command.Parameters.AddWithValue(name, $"{_node} {token}");
                    }

                    command.CommandText = "SELECT " + string.Join(", ", calls);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The other nodes still poll: a lost nudge only delays them.
                    LogNotifyFailed(logger, exception);
                }

                tokens.Clear();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The payload of a nudge for every node, the sender too.</summary>
    internal static string ToEveryNode(string token) => $"{EveryNode} {token}";

    private void Receive(string payload)
    {
        var space = payload.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || payload.AsSpan(0, space).SequenceEqual(_node))
        {
            return;
        }

        var token = payload[(space + 1)..];
        switch (token)
        {
            case AgentQueueToken:
                agentQueue.NotifyHere();
                break;
            case OutboxToken:
                outbox.NotifyHere();
                break;
            case WebhooksToken:
                links.Webhooks.NotifyHere();
                break;
            case ClusterCopies.ChangedToken:
                copies.ChangedHere();
                break;
            default:
                if (token.StartsWith(LinkPrefix, StringComparison.Ordinal))
                {
                    links.NotifyHere(token[LinkPrefix.Length..]);
                }
                else if (token.StartsWith(RevokedPrefix, StringComparison.Ordinal))
                {
                    revocations.NotifyHere(token[RevokedPrefix.Length..]);
                }

                break;
        }
    }

    private void WakeAllHere()
    {
        agentQueue.NotifyHere();
        outbox.NotifyHere();
        links.NotifyAllHere();
        revocations.NotifyAllHere();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection that hears other nodes' wake-ups; listening again in a second (work is still found by polling).")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other nodes about new work; they will find it at their next poll.")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception);
}
