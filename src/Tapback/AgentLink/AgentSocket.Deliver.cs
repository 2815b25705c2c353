using Tapback.AgentLink.Frames;
using Tapback.Diagnostics;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Integrations.Credentials;

namespace Tapback.AgentLink;

/// <summary>
/// Delivering the queue: after <c>ready</c>, every pending row in seq order. With acks a row stays
/// pending until acknowledged and comes again on the next connection; without, it is done once written.
/// </summary>
internal sealed partial class AgentSocket
{
    private const int DeliveryBatch = 100;

    // The rows are the truth and every write nudges the link's signal; the poll only bounds a lost nudge.
    private static readonly TimeSpan DeliveryPoll = TimeSpan.FromSeconds(5);

    private async Task ReadyAsync(ReadyData ready, CancellationToken cancellationToken)
    {
        if (_delivery is not null)
        {
            await SendErrorAsync("This connection is already ready.", FrameTypes.Ready, cancellationToken);
            return;
        }

        _acks = ready.Acks ?? false;
        var queued = await queue.CountPendingAsync(Link, cancellationToken);
        await SendAsync(
            Frame.Serialize(FrameTypes.Connected, new ConnectedData(queued, _acks, integration.Id, integration.Settings), AgentLinkJsonContext.Default.ConnectedData),
            cancellationToken);
        _delivery = DeliverLoopAsync(_stopDelivery.Token);
    }

    private async Task AckAsync(AckData? ack, CancellationToken cancellationToken)
    {
        if (ack?.Seq is not { } seq)
        {
            await SendErrorAsync("ack needs data.seq, the seq of the last event handled.", FrameTypes.Ack, cancellationToken);
            return;
        }

        if (!_acks)
        {
            await SendErrorAsync("Acks are off on this connection; send {\"type\":\"ready\",\"data\":{\"acks\":true}} to turn them on.", FrameTypes.Ack, cancellationToken);
            return;
        }

        if (seq > Volatile.Read(ref _lastSent))
        {
            await SendErrorAsync($"Event {seq} was not delivered on this connection; acknowledge only seqs you received.", FrameTypes.Ack, cancellationToken);
            return;
        }

        await queue.CompleteUpToAsync(Link, seq, cancellationToken);
    }

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
                    Close(IntegrationConnections.ReplacedCloseCode, IntegrationCredentials.IntegrationEnded);
                    return;
                }

                var full = false;
                if (!current.IsPaused)
                {
                    var rows = await queue.PendingAfterAsync(Link, Volatile.Read(ref _lastSent), DeliveryBatch, cancellationToken);
                    foreach (var row in rows)
                    {
                        var frame = await events.ToFrameAsync(row, baseAddress, _acks, cancellationToken);
                        if (frame is not null && !await SendAsync(frame, cancellationToken))
                        {
                            return;
                        }

                        if (frame is not null)
                        {
                            metrics.Delivered(InboundPaths.WebSocket, row.Kind, row.CreatedAt);
                        }

                        Volatile.Write(ref _lastSent, row.Seq);
                        if (!_acks || frame is null)
                        {
                            await queue.CompleteAsync(Link, row.Seq, cancellationToken);
                        }
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
            _closeRequested.TrySetResult(((int)System.Net.WebSockets.WebSocketCloseStatus.InternalServerError, "delivery failed; reconnect"));
        }
    }
}
