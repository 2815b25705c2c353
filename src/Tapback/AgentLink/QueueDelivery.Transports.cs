using Tapback.AgentLink.Frames;
using Tapback.Gateway.Watchdog;

namespace Tapback.AgentLink;

internal sealed partial class QueueDelivery
{
    /// <summary>
    /// The bridge watchdog's news of the integration's transport. It belongs to no conversation, so it
    /// is not a queue row: no <c>seq</c>, nothing to ack. Instead a connection hears, at <c>ready</c>, of a
    /// degradation in progress, then each transition live; a socket that was away learns the state as
    /// it stands when it connects (webhooks keep every transition, durably).
    /// </summary>
    private async Task TransportNewsLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        // Subscribed before the state is read, so nothing announced in between is missed; the same
        // degradation heard both ways is written once.
        using var subscription = transportFeed.Subscribe();
        TransportHealthChange? last = null;
        try
        {
            if (await transportHealth.FindAsync(integration.Transport, cancellationToken) is { IsDegraded: true } degraded
                && degraded.Announcement() is { } current)
            {
                await TellAsync(current, cancellationToken);
                last = current;
            }

            await foreach (var change in subscription.Changes.ReadAllAsync(cancellationToken))
            {
                if (change.Transport != integration.Transport || change == last)
                {
                    continue;
                }

                if (!await TellAsync(change, cancellationToken))
                {
                    return;
                }

                last = change;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // News of a transport is not worth a connection: the state is told again at the next ready.
            LogTransportNewsFailed(logger, integration.Id, exception);
        }
    }

    private Task<bool> TellAsync(TransportHealthChange change, CancellationToken cancellationToken) =>
        writer.SendAsync(
            change.DegradedSince is { } degradedSince
                ? Frame.Serialize(FrameTypes.TransportRecovered, new TransportRecoveredData(change.Transport, change.Since, degradedSince), AgentLinkJsonContext.Wire.TransportRecoveredData)
                : Frame.Serialize(FrameTypes.TransportDegraded, new TransportDegradedData(change.Transport, change.Reason ?? string.Empty, change.Since), AgentLinkJsonContext.Wire.TransportDegradedData),
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling integration {IntegrationId} of its transport's health failed; it hears the state again at its next connection.")]
    private static partial void LogTransportNewsFailed(ILogger logger, string integrationId, Exception exception);
}
