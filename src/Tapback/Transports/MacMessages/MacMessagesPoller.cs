using System.Threading.Channels;
using Tapback.Transports.MacMessages.ChatDb;

namespace Tapback.Transports.MacMessages;

/// <summary>
/// Reads chat.db from a persisted ROWID cursor: at start (catch-up after downtime), every
/// <see cref="MacMessagesOptions.PollInterval"/>, and sooner when the folder watch sees Messages
/// write. The first start begins at the newest row, so history is never answered. A row Messages
/// has not finished (no chat link yet) holds the cursor until it is, or until its grace runs out.
/// Rows changed in place after the cursor passed them (edits, unsends) are MacMessagesChanges' part.
/// </summary>
internal sealed partial class MacMessagesPoller(
    string name,
    MacMessagesOptions options,
    MacChatDatabase chatDb,
    MacMessagesStore store,
    MacMessagesInbound inbound,
    MacMessagesStatuses statuses,
    MacMessagesChanges changes,
    TimeProvider time,
    ILogger<MacMessagesPoller> logger) : BackgroundService
{
    private const int BatchSize = 200;

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Dictionary<long, DateTimeOffset> _notReadySince = [];
    private string? _problem;

    /// <summary>Asks for a poll now (the folder watch calls it; so may a test).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var watcher = options.WatchFolder ? MacFolderWatch.Start(chatDb.Path, Wake, logger) : null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken);
                if (_problem is not null)
                {
                    _problem = null;
                    LogReadable(logger, name);
                }
            }
            catch (ChatDbException exception) when (exception.Busy)
            {
                LogBusy(logger, name);
            }
            catch (ChatDbException exception)
            {
                // Said once per distinct problem, not every poll; it clears when access is granted.
                if (_problem != exception.Message)
                {
                    _problem = exception.Message;
                    LogUnreadable(logger, name, exception.Message);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPollFailed(logger, name, exception);
            }

            await WaitAsync(stoppingToken);
        }
    }

    internal async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var cursor = await store.CursorAsync(name, cancellationToken);
        if (cursor is null)
        {
            var newest = await chatDb.MaxRowIdAsync(cancellationToken);
            await store.AdvanceCursorAsync(name, newest, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
            LogFirstStart(logger, name, newest);
            return;
        }

        var position = cursor.Value;
        while (true)
        {
            var rows = await chatDb.ReadAfterAsync(position, BatchSize, cancellationToken);
            var stopped = false;
            var reached = position;
            foreach (var row in rows)
            {
                var outcome = await inbound.ReceiveAsync(row, IsLate(row.RowId), cancellationToken);
                if (outcome == MacIngestOutcome.NotReady)
                {
                    stopped = true;
                    break;
                }

                _notReadySince.Remove(row.RowId);
                reached = row.RowId;
            }

            if (reached > position)
            {
                await store.AdvanceCursorAsync(name, reached, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
                position = reached;
            }

            if (stopped || rows.Count < BatchSize)
            {
                break;
            }
        }

        await statuses.ReportAsync(cancellationToken);
        await changes.ScanAsync(cancellationToken);
    }

    private bool IsLate(long rowId)
    {
        var now = time.GetUtcNow();
        if (!_notReadySince.TryGetValue(rowId, out var since))
        {
            _notReadySince[rowId] = now;
            return options.JoinGrace == TimeSpan.Zero;
        }

        return now - since >= options.JoinGrace;
    }

    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(options.PollInterval, time, either.Token);
        var wake = _wake.Reader.WaitToReadAsync(either.Token).AsTask();
        await Task.WhenAny(delay, wake);
        await either.CancelAsync();
        _wake.Reader.TryRead(out _);
        try
        {
            await Task.WhenAll(delay, wake);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MacMessages transport {Transport} starts reading chat.db after row {RowId}: earlier messages are history and are not answered.")]
    private static partial void LogFirstStart(ILogger logger, string transport, long rowId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MacMessages transport {Transport}: chat.db was busy; read again next poll.")]
    private static partial void LogBusy(ILogger logger, string transport);

    [LoggerMessage(Level = LogLevel.Error, Message = "MacMessages transport {Transport} cannot read chat.db: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string transport, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "MacMessages transport {Transport} reads chat.db again.")]
    private static partial void LogReadable(ILogger logger, string transport);

    [LoggerMessage(Level = LogLevel.Error, Message = "MacMessages transport {Transport}: a poll of chat.db failed; the next one tries again.")]
    private static partial void LogPollFailed(ILogger logger, string transport, Exception exception);
}
