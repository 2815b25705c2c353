using Tapback.Gateway.Conversations;
using Tapback.Messaging;
using Tapback.Transports.Hosted;

namespace Tapback.Transports.Blooio;

/// <summary>
/// At start, asks Blooio for what arrived while Tapback was down: each known chat's inbound messages
/// since the stored cursor. The inbox drops what it already has, and the age fence keeps an old
/// backlog from being answered.
/// </summary>
internal sealed partial class BlooioCatchUp(
    BlooioTransport transport,
    BlooioInbound inbound,
    TransportCursor cursor,
    ConversationReader conversations,
    TimeProvider time,
    ILogger<BlooioCatchUp> logger) : BackgroundService
{
    /// <summary>Webhooks and the query can disagree a little about time; overlap is harmless (dedupe).</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var name = transport.Name;
        var since = await cursor.ResumeFromAsync(name, Overlap, stoppingToken);
        if (since is null)
        {
            // A first start has nothing to catch up on; from now on there is a point to return to.
            await cursor.AdvanceAsync(name, time.GetUtcNow(), stoppingToken);
            return;
        }

        var chats = await conversations.ChatsOnAsync(name, stoppingToken);

        var stored = 0;
        foreach (var (chatId, isGroup) in chats)
        {
            try
            {
                foreach (var message in await transport.ListAsync(chatId, since.Value, "inbound", stoppingToken))
                {
                    var problem = await inbound.HandleAsync(ToEvent(chatId, isGroup, message), stoppingToken);
                    stored += problem is null ? 1 : 0;
                }
            }
            catch (TransportException exception)
            {
                LogChatFailed(logger, name, exception.Message);
            }
        }

        LogCaughtUp(logger, name, chats.Count, stored);
    }

    private static BlooioEvent ToEvent(string chatId, bool isGroup, BlooioListedMessage message) => new()
    {
        Event = "message.received",
        MessageId = message.MessageId,
        ExternalId = isGroup ? chatId : message.ExternalId ?? chatId,
        Sender = message.Sender ?? message.ExternalId ?? (isGroup ? null : chatId),
        Text = message.Text,
        Attachments = message.Attachments,
        ReceivedAt = message.TimeSent,
        Direction = message.Direction,
        IsGroup = isGroup,
        GroupId = isGroup ? chatId : null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Blooio transport {Transport} caught up on {Chats} chats; {Messages} messages handed to the inbox (repeats are dropped there).")]
    private static partial void LogCaughtUp(ILogger logger, string transport, int chats, int messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blooio transport {Transport} could not catch up on one chat: {Error}")]
    private static partial void LogChatFailed(ILogger logger, string transport, string error);
}
