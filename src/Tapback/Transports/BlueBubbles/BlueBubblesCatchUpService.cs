using Tapback.Messaging;
using Tapback.Transports.BlueBubbles.Api;

namespace Tapback.Transports.BlueBubbles;

/// <summary>
/// Finds what webhooks missed: at start, when the server says hello, and every
/// <c>CatchUpInterval</c>, it queries messages since the last one it saw and feeds them to the inbox.
/// Overlap is harmless (the inbox dedupes on the guid); each message keeps its own date, so an old
/// backlog is stored but not answered.
/// </summary>
internal sealed partial class BlueBubblesCatchUpService(
    string name,
    BlueBubblesOptions options,
    BlueBubblesClient client,
    BlueBubblesFeatures features,
    BlueBubblesInbound inbound,
    BlueBubblesStore store,
    BlueBubblesCatchUpSignal signal,
    TimeProvider time,
    ILogger<BlueBubblesCatchUpService> logger) : BackgroundService
{
    public const int PageSize = 100;

    /// <summary>Messages can land in the Mac's database late, dated earlier (a slow sync); each round looks back this far.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await features.TryRefreshAsync(stoppingToken);
                await CatchUpAsync(stoppingToken);
            }
            catch (TransportException exception)
            {
                LogCatchUpFailed(logger, name, exception.Message);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogCatchUpCrashed(logger, exception, name);
            }

            await signal.WaitAsync(options.CatchUpInterval, time, alsoWakeOn: null, stoppingToken);
        }
    }

    /// <summary>One round; returns how many new messages and tapbacks were stored.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (await store.CursorAsync(name, cancellationToken) is not { } cursor)
        {
            // A new instance starts from now: the Mac's history is not Tapback's to answer.
            await store.AdvanceCursorAsync(name, now, now, cancellationToken);
            LogFirstStart(logger, name);
            return 0;
        }

        // Never before the first start: the overlap is for late rows, not for the Mac's history.
        var after = Math.Max(
            Math.Max(cursor.SeenUntil - (long)Overlap.TotalMilliseconds, cursor.StartedAt ?? 0),
            now - (long)options.CatchUpWindow.TotalMilliseconds);
        var stored = 0;
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await client.QueryMessagesAsync(
                new MessageQueryRequest { After = after, Offset = offset, Limit = PageSize, Sort = "ASC", With = ["chat", "attachment", "handle"] },
                cancellationToken);
            long? newest = null;
            foreach (var message in page)
            {
                try
                {
                    if (await inbound.ReceiveAsync(message, cancellationToken) == BlueBubblesIngestOutcome.Stored)
                    {
                        stored++;
                    }
                }
                catch (BlueBubblesInvalidEventException invalid)
                {
                    LogSkipped(logger, name, message.Guid ?? "without a guid", invalid.Message);
                }

                newest = Math.Max(newest ?? 0, message.DateCreated ?? 0);
            }

            await AdvanceAsync(newest, now, cancellationToken);
            if (page.Count < PageSize)
            {
                break;
            }
        }

        if (stored > 0)
        {
            LogCaughtUp(logger, name, stored);
        }

        return stored;
    }

    private async Task AdvanceAsync(long? newest, long now, CancellationToken cancellationToken)
    {
        if (newest is > 0)
        {
            await store.AdvanceCursorAsync(name, newest.Value, now, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "BlueBubbles {Transport}: first start; catch-up begins from now.")]
    private static partial void LogFirstStart(ILogger logger, string transport);

    [LoggerMessage(Level = LogLevel.Information, Message = "BlueBubbles {Transport}: catch-up stored {Count} messages the webhooks had missed.")]
    private static partial void LogCaughtUp(ILogger logger, string transport, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BlueBubbles {Transport}: catch-up could not reach the server: {Error}")]
    private static partial void LogCatchUpFailed(ILogger logger, string transport, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "BlueBubbles {Transport}: catch-up failed.")]
    private static partial void LogCatchUpCrashed(ILogger logger, Exception exception, string transport);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BlueBubbles {Transport}: catch-up skipped message {Guid}: {Problem}")]
    private static partial void LogSkipped(ILogger logger, string transport, string guid, string problem);
}
