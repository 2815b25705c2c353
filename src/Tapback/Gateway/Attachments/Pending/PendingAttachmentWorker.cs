using Tapback.Gateway.Attachments.Downloads;

namespace Tapback.Gateway.Attachments.Pending;

/// <summary>
/// Fetches the files stored messages wait for, on every transport that left one pending: each due
/// file is asked of its transport's <see cref="IPendingAttachmentSource"/>; one that arrives joins its
/// message, one not there yet waits longer, one that never can be is given up. Nothing here blocks an
/// inbound message: the message was stored and answered when the file first failed.
/// </summary>
internal sealed partial class PendingAttachmentWorker(
    IEnumerable<IPendingAttachmentSource> sources,
    PendingAttachmentStore store,
    PendingAttachmentSignal signal,
    TimeProvider time,
    ILogger<PendingAttachmentWorker> logger) : BackgroundService
{
    /// <summary>How often the due files are looked for; each file's own wait decides whether it is tried.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var all = sources.ToList();
        if (all.Count == 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var source in all)
            {
                try
                {
                    await FetchDueAsync(source, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRoundFailed(logger, exception, source.Transport);
                }
            }

            await signal.WaitAsync(Interval, time, alsoWakeOn: null, stoppingToken);
        }
    }

    /// <summary>One try at each of the transport's due files; returns how many arrived.</summary>
    public async Task<int> FetchDueAsync(IPendingAttachmentSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var arrived = 0;
        foreach (var file in await store.DueAsync(source.Transport, time.GetUtcNow().ToUnixTimeMilliseconds(), BatchSize, cancellationToken))
        {
            try
            {
                var stored = await source.FetchAsync(file, cancellationToken);
                await store.AttachAsync(file, stored, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
                LogArrived(logger, source.Transport, file.MessageId);
                arrived++;
            }
            catch (AttachmentDownloadException notYet) when (notYet.Failure is AttachmentDownloadFailure.Failed or AttachmentDownloadFailure.TimedOut)
            {
                if (!await store.RetryLaterAsync(file, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken))
                {
                    LogGivenUp(logger, source.Transport, file.MessageId, PendingAttachmentStore.MaxTries, notYet.Message);
                }
            }
            catch (AttachmentDownloadException never)
            {
                await store.GiveUpAsync(file, cancellationToken);
                LogRefused(logger, source.Transport, file.MessageId, never.Message);
            }
        }

        return arrived;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transport {Transport}: a file message {MessageId} waited for has arrived and joined it.")]
    private static partial void LogArrived(ILogger logger, string transport, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transport {Transport}: a file of message {MessageId} could not be fetched in {Tries} tries and is given up: {Error}")]
    private static partial void LogGivenUp(ILogger logger, string transport, string messageId, int tries, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transport {Transport}: a file of message {MessageId} can never be fetched and is given up: {Error}")]
    private static partial void LogRefused(ILogger logger, string transport, string messageId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Transport {Transport}: a round of fetching pending files failed; the next round tries again.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string transport);
}
