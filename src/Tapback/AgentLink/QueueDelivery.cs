using Tapback.AgentLink.Frames;
using Tapback.Diagnostics;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Integrations.Credentials;
using Tapback.Gateway.Watchdog;

namespace Tapback.AgentLink;

/// <summary>
/// Delivering an integration's queue over its socket: after <c>ready</c>, every pending row in seq
/// order. With acks a row stays pending until acknowledged and comes again on the next connection;
/// without, it is done once written. A revoked integration or a failed delivery asks the socket to close.
/// </summary>
internal sealed partial class QueueDelivery(
    Integration integration,
    Uri baseAddress,
    FrameWriter writer,
    Action<int, string> requestClose,
    IntegrationStore integrations,
    LinkQueue queue,
    AgentLinkSignals signals,
    AgentEvents events,
    TransportHealthFeed transportFeed,
    TransportHealthStore transportHealth,
    TapbackMetrics metrics,
    TimeProvider time,
    ILogger<QueueDelivery> logger) : IDisposable
{
    private const int DeliveryBatch = 100;

    // The rows are the truth and every write nudges the link's signal; the poll only bounds a lost nudge.
    private static readonly TimeSpan DeliveryPoll = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stop = new();
    private Task? _delivery;
    private Task? _transportNews;
    private bool _acks;
    private long _lastSent;

    // The done mark of the last batch written, still being stored while the next frames go out.
    private Task _marking = Task.CompletedTask;

    private string Link => integration.Link;

    public async Task ReadyAsync(ReadyData ready, CancellationToken cancellationToken)
    {
        if (_delivery is not null)
        {
            await writer.ErrorAsync("This connection is already ready.", FrameTypes.Ready, cancellationToken);
            return;
        }

        _acks = ready.Acks ?? false;
        // From now on the integration's events wait for its socket while it is away, webhooks or not
        // (AgentQueueStore.EnqueueAsync); what its webhooks alone carried before is not counted below.
        await integrations.MarkConnectedAsync(integration.Id, cancellationToken);
        var queued = await queue.CountPendingAsync(Link, cancellationToken);
        await writer.SendAsync(
            Frame.Serialize(FrameTypes.Connected, new ConnectedData(queued.Messages, _acks, integration.Id, integration.Settings, queued.Others), AgentLinkJsonContext.Wire.ConnectedData),
            cancellationToken);
        _delivery = DeliverLoopAsync(_stop.Token);
        _transportNews = TransportNewsLoopAsync(_stop.Token);
    }

    public async Task AckAsync(AckData? ack, CancellationToken cancellationToken)
    {
        if (ack?.Seq is not { } seq)
        {
            await writer.ErrorAsync("ack needs data.seq, the seq of the last event handled.", FrameTypes.Ack, cancellationToken);
            return;
        }

        if (!_acks)
        {
            await writer.ErrorAsync("Acks are off on this connection; send {\"type\":\"ready\",\"data\":{\"acks\":true}} to turn them on.", FrameTypes.Ack, cancellationToken);
            return;
        }

        if (seq > Volatile.Read(ref _lastSent))
        {
            await writer.ErrorAsync($"Event {seq} was not delivered on this connection; acknowledge only seqs you received.", FrameTypes.Ack, cancellationToken);
            return;
        }

        await queue.CompleteUpToAsync(Link, seq, cancellationToken);
    }

    /// <summary>Stops delivering and waits for the loop to end; what was not delivered stays pending.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_delivery is not null)
        {
            await _delivery;
        }

        if (_transportNews is not null)
        {
            await _transportNews;
        }
    }

    /// <summary>Stops without waiting, when the socket is closing and the loop will see it.</summary>
    public Task CancelAsync() => _stop.CancelAsync();

    private async Task DeliverLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var wake = signals.For(Link);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var current = await integrations.FindAsync(integration.Id, cancellationToken);
                if (current is null)
                {
                    requestClose(IntegrationConnections.ReplacedCloseCode, IntegrationCredentials.IntegrationEnded);
                    return;
                }

                var full = false;
                if (!current.IsPaused)
                {
                    var rows = await queue.PendingAfterAsync(Link, Volatile.Read(ref _lastSent), DeliveryBatch, cancellationToken);
                    var done = new List<long>(rows.Count);
                    var written = 0;
                    try
                    {
                        foreach (var row in rows)
                        {
                            var frame = await events.ToFrameAsync(row, baseAddress, _acks, cancellationToken);

                            // Counted as sent before the frame is written: the agent may read it and ack it
                            // before this loop resumes after the write, and an ack beyond _lastSent is refused
                            // (the event then stayed pending until the agent reconnected). A write that fails
                            // takes it back; the connection ends then anyway.
                            var lastSent = Volatile.Read(ref _lastSent);
                            Volatile.Write(ref _lastSent, row.Seq);
                            if (frame is not null && !await writer.SendAsync(frame, cancellationToken))
                            {
                                Volatile.Write(ref _lastSent, lastSent);
                                break;
                            }

                            written++;
                            if (frame is not null)
                            {
                                metrics.Delivered(InboundPaths.WebSocket, row.Kind, row.CreatedAt);
                            }

                            if (!_acks || frame is null)
                            {
                                done.Add(row.Seq);
                            }
                        }
                    }
                    finally
                    {
                        // Also when the connection is cancelled mid-batch: what was written is marked.
                        await MarkDoneAsync(done);
                    }

                    if (written < rows.Count)
                    {
                        // The socket is no longer open: what was written is marked, the rest stays pending.
                        return;
                    }

                    full = rows.Count == DeliveryBatch;
                }

                if (!full)
                {
                    await wake.WaitAsync(DeliveryPoll, time, null, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // Nothing is lost: undelivered rows stay pending for the next connection.
            LogDeliveryFailed(logger, integration.Id, exception);
            requestClose((int)System.Net.WebSockets.WebSocketCloseStatus.InternalServerError, "delivery failed; reconnect");
        }
        finally
        {
            await FinishMarkingAsync();
        }
    }

    /// <summary>
    /// Marks a batch's written rows done (without acks, and rows whose event is gone) in one write, and
    /// does not wait for it: the next batch's frames need not wait for the store's writer, which on a
    /// busy gateway is the slowest step of a delivery. One mark is in flight at a time (the previous is
    /// awaited first, so a failed one ends the loop); a row written but not yet marked when the
    /// connection ends is written again on the next one, as a crash between the two always allowed.
    /// </summary>
    private async Task MarkDoneAsync(List<long> seqs)
    {
        var previous = _marking;
        _marking = Task.CompletedTask;
        await previous;
        // Not the connection's token: what was written is marked even if the socket closes meanwhile.
        _marking = seqs.Count == 0 ? Task.CompletedTask : queue.CompleteAsync(Link, seqs, CancellationToken.None);
    }

    /// <summary>Waits for the last mark when the loop ends, so a connection's end leaves nothing half-told.</summary>
    private async Task FinishMarkingAsync()
    {
        try
        {
            await _marking;
        }
        catch (Exception exception)
        {
            LogMarkingFailed(logger, integration.Id, exception);
        }
    }

    public void Dispose() => _stop.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering to integration {IntegrationId} failed; undelivered events stay queued for the next connection.")]
    private static partial void LogDeliveryFailed(ILogger logger, string integrationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marking events delivered to integration {IntegrationId} done failed; they stay queued and come again on its next connection.")]
    private static partial void LogMarkingFailed(ILogger logger, string integrationId, Exception exception);
}
