using Tapback.Messaging;
using Tapback.Transports.BlueBubbles.Api;

namespace Tapback.Transports.BlueBubbles;

/// <summary>
/// What the Private API adds to a send and after it: edits and unsends of our own messages, and the
/// question whether a handle is on iMessage. Without the Private API the capabilities say no, so the
/// action core refuses first; one that arrives anyway fails here, for good, naming what is missing.
/// </summary>
internal sealed partial class BlueBubblesTransport
{
    /// <summary>The server's guid of the message a send answers inline; null for a send that answers none.</summary>
    private async Task<string?> ReplyGuidAsync(SendMessageAction send, CancellationToken cancellationToken)
    {
        if (send.ReplyTo is null && send.Effect is null)
        {
            return null;
        }

        await RequirePrivateApiAsync(send.ReplyTo is null ? "send effects" : "send inline replies", cancellationToken);
        return send.ReplyTo is null
            ? null
            : await store.GuidOfAsync(name, send.ReplyTo, cancellationToken)
                ?? throw new TransportException($"BlueBubbles ({name}) has no guid for message {send.ReplyTo}, so it cannot answer it inline.", retryable: false);
    }

    private async Task EditAsync(EditMessageAction edit, CancellationToken cancellationToken)
    {
        await RequirePrivateApiAsync("edit messages", cancellationToken);
        var guid = await store.GuidOfAsync(name, edit.MessageId, cancellationToken)
            ?? throw new TransportException($"BlueBubbles ({name}) has no guid for message {edit.MessageId}, so it cannot edit it.", retryable: false);

        // What a device too old to show edits gets instead, worded as Messages words it.
        await client.EditAsync(guid, new EditRequest { EditedMessage = edit.Text, BackwardsCompatibilityMessage = $"Edited to \u201C{edit.Text}\u201D" }, cancellationToken);
        LogChanged(logger, name, "edited", edit.MessageId, guid);
    }

    /// <summary>Every part of the send goes: a message with files went out as several guids.</summary>
    private async Task UnsendAsync(UnsendMessageAction unsend, CancellationToken cancellationToken)
    {
        await RequirePrivateApiAsync("unsend messages", cancellationToken);
        var guids = await store.GuidsOfAsync(name, unsend.MessageId, cancellationToken);
        if (guids.Count == 0)
        {
            throw new TransportException($"BlueBubbles ({name}) has no guid for message {unsend.MessageId}, so it cannot unsend it.", retryable: false);
        }

        foreach (var guid in guids)
        {
            await client.UnsendAsync(guid, cancellationToken);
            LogChanged(logger, name, "unsent", unsend.MessageId, guid);
        }
    }

    public async Task<bool?> IsOnIMessageAsync(string handle, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handle);
        await RequirePrivateApiAsync("look up handles", cancellationToken);
        return await client.IsOnIMessageAsync(handle, cancellationToken);
    }

    private async Task RequirePrivateApiAsync(string what, CancellationToken cancellationToken)
    {
        if (!await features.UsePrivateApiAsync(cancellationToken))
        {
            throw new TransportException(
                $"BlueBubbles ({name}) can {what} only through its Private API, which this server does not have enabled.", retryable: false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "BlueBubbles {Transport}: message {MessageId} {Change} ({Guid}).")]
    private static partial void LogChanged(ILogger logger, string transport, string change, string messageId, string guid);
}
