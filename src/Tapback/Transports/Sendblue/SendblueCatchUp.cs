using Tapback.Messaging;
using Tapback.Transports.Hosted;

namespace Tapback.Transports.Sendblue;

/// <summary>
/// At start, asks Sendblue for the inbound messages each of our lines got since the stored cursor.
/// The inbox drops what it already has; the age fence keeps an old backlog from being answered.
/// </summary>
internal sealed partial class SendblueCatchUp(
    SendblueTransport transport,
    SendblueOptions options,
    SendblueInbound inbound,
    TransportCursor cursor,
    TimeProvider time,
    ILogger<SendblueCatchUp> logger) : BackgroundService
{
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var name = transport.Name;
        var since = await cursor.ResumeFromAsync(name, Overlap, stoppingToken);
        if (since is null)
        {
            await cursor.AdvanceAsync(name, time.GetUtcNow(), stoppingToken);
            return;
        }

        var stored = 0;
        foreach (var line in options.Numbers)
        {
            try
            {
                var filter = $"is_outbound=false&sendblue_number={Uri.EscapeDataString(line)}";
                foreach (var message in await transport.ListAsync(filter, since.Value, stoppingToken))
                {
                    stored += await inbound.HandleAsync(message, stoppingToken) is null ? 1 : 0;
                }
            }
            catch (TransportException exception)
            {
                LogLineFailed(logger, name, exception.Message);
            }
        }

        LogCaughtUp(logger, name, stored);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sendblue transport {Transport} caught up; {Messages} messages handed to the inbox (repeats are dropped there).")]
    private static partial void LogCaughtUp(ILogger logger, string transport, int messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sendblue transport {Transport} could not catch up on one line: {Error}")]
    private static partial void LogLineFailed(ILogger logger, string transport, string error);
}
