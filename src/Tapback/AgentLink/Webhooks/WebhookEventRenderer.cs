using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Watchdog;
using Tapback.Storage;

namespace Tapback.AgentLink.Webhooks;

/// <summary>
/// Renders a delivery's body at the moment it is sent, from the stored event, so attachment URLs are
/// signed fresh on every attempt. Null when what the event names is gone (purged).
/// </summary>
internal sealed partial class WebhookEventRenderer(Database database, FileUrls fileUrls, IServer server, IOptions<AgentLinkOptions> options)
{
    public async Task<string?> RenderAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        var data = delivery.Type switch
        {
            WebhookEventTypes.MessageReceived or WebhookEventTypes.MessageUpdated => await MessageAsync(delivery, cancellationToken),
            WebhookEventTypes.ReactionAdded or WebhookEventTypes.ReactionRemoved => await ReactionAsync(delivery, cancellationToken),
            WebhookEventTypes.MessageEdited or WebhookEventTypes.MessageUnsent => await ChangeAsync(delivery, cancellationToken),
            WebhookEventTypes.TypingStarted or WebhookEventTypes.TypingStopped => await TypingAsync(delivery, cancellationToken),
            WebhookEventTypes.MessageHeld => Held(delivery),
            WebhookEventTypes.ConversationPaused or WebhookEventTypes.ConversationResumed => Pause(delivery),
            WebhookEventTypes.TransportDegraded or WebhookEventTypes.TransportRecovered => TransportEvent(delivery),
            _ => await StatusAsync(delivery, cancellationToken),
        };
        if (data is not { } element)
        {
            return null;
        }

        return JsonSerializer.Serialize(
            new WebhookEvent { Id = delivery.EventId, Type = delivery.Type, CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(delivery.CreatedAt), Data = element },
            WebhooksJsonContext.Wire.WebhookEvent);
    }

    private async Task<JsonElement?> MessageAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var message = await connection.QuerySingleOrDefaultAsync<MessageRow>(new CommandDefinition(
            """
            SELECT m.id AS Id, m.sender AS Sender, m.body AS Body, m.reply_to AS ReplyTo, m.created_at AS CreatedAt, c.id AS ConversationId,
                   c.transport AS Transport, c.is_group AS IsGroup, c.display_name AS DisplayName,
                   m.service AS Service, m.effect AS Effect, m.edited_at AS EditedAt, m.unsent_at AS UnsentAt
            FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = @MessageId
            """,
            new { delivery.MessageId },
            cancellationToken: cancellationToken));
        if (message is not { } found)
        {
            return null;
        }

        // An unsent message's files are no longer given, as its text is not.
        var files = found.UnsentAt is not null ? [] : await connection.QueryAsync<(string Id, string FileName, string ContentType, long SizeBytes)>(new CommandDefinition(
            "SELECT id, file_name, content_type, size_bytes FROM attachments WHERE message_id = @MessageId ORDER BY created_at, position, id",
            new { delivery.MessageId },
            cancellationToken: cancellationToken));
        var attachments = new List<EventAttachment>();
        foreach (var file in files)
        {
            var (url, _) = await fileUrls.SignAsync(BaseAddress(), AgentLinkEndpoints.FilePath(file.Id), options.Value.FileUrlLifetime, cancellationToken);
            attachments.Add(new EventAttachment { Url = url, MimeType = file.ContentType, Name = file.FileName, Size = file.SizeBytes });
        }

        IReadOnlyList<string>? participants = null;
        if (found.IsGroup)
        {
            participants = [.. await connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT sender FROM messages WHERE conversation_id = @ConversationId AND direction = '{MessageDirections.Inbound}' AND seq <= (SELECT seq FROM messages WHERE id = @Id) GROUP BY sender ORDER BY min(seq)",
                new { found.ConversationId, found.Id },
                cancellationToken: cancellationToken))];
        }

        return JsonSerializer.SerializeToElement(
            new MessageEventData
            {
                MessageId = found.Id,
                ConversationId = found.ConversationId,
                From = found.Sender,
                To = found.Transport,
                Body = found.Body,
                Attachments = attachments,
                IsGroup = found.IsGroup,
                GroupName = found.IsGroup ? found.DisplayName : null,
                Participants = participants,
                ReplyTo = found.ReplyTo,
                Service = found.Service,
                Effect = found.Effect,
                EditedAt = ConversationReader.At(found.EditedAt),
                UnsentAt = ConversationReader.At(found.UnsentAt),
                SentAt = DateTimeOffset.FromUnixTimeMilliseconds(found.CreatedAt),
            },
            WebhooksJsonContext.Wire.MessageEventData);
    }

    private async Task<JsonElement?> ReactionAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ConversationReader.FindReactionAsync(connection, null, delivery.ReactionId, cancellationToken) is not { } found
            ? null
            : JsonSerializer.SerializeToElement(
                new ReactionEventData { MessageId = found.MessageId, ConversationId = delivery.ConversationId, From = found.Sender, Reaction = found.Reaction },
                WebhooksJsonContext.Wire.ReactionEventData);
    }

    /// <summary>A transport event carries its whole news in its payload (Gateway/Watchdog wrote it): nothing to look up.</summary>
    private static JsonElement? TransportEvent(WebhookDelivery delivery)
    {
        if (delivery.Payload is null || JsonSerializer.Deserialize(delivery.Payload, WatchdogJsonContext.Wire.TransportHealthChange) is not { } change)
        {
            return null;
        }

        return JsonSerializer.SerializeToElement(
            new TransportEventData { Transport = change.Transport, Reason = change.Reason, Since = change.Since, DegradedSince = change.DegradedSince },
            WebhooksJsonContext.Wire.TransportEventData);
    }

    private async Task<JsonElement?> StatusAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = delivery.Payload is null ? null : JsonSerializer.Deserialize(delivery.Payload, AgentQueueJsonContext.Wire.AgentQueuePayload);
        await using var connection = await database.OpenAsync(cancellationToken);
        var message = await connection.QuerySingleOrDefaultAsync<(string Body, string Handle)?>(new CommandDefinition(
            "SELECT m.body, c.handle FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = @MessageId",
            new { delivery.MessageId },
            cancellationToken: cancellationToken));
        return JsonSerializer.SerializeToElement(
            new StatusEventData
            {
                MessageId = delivery.MessageId ?? string.Empty,
                ConversationId = delivery.ConversationId,
                To = message?.Handle,
                Body = message?.Body,
                ClientMessageId = payload?.ClientMessageId,
                Error = delivery.Type == WebhookEventTypes.MessageFailed ? payload?.Error ?? "The message could not be sent." : null,
                Operation = delivery.Type == WebhookEventTypes.MessageFailed ? payload?.Operation : null,
            },
            WebhooksJsonContext.Wire.StatusEventData);
    }

    /// <summary>A hold carries all it says in its payload: the message's text is not repeated (it is the agent's own).</summary>
    private static JsonElement? Held(WebhookDelivery delivery)
    {
        var payload = delivery.Payload is null ? null : JsonSerializer.Deserialize(delivery.Payload, AgentQueueJsonContext.Wire.AgentQueuePayload);
        return JsonSerializer.SerializeToElement(
            new HeldEventData
            {
                MessageId = delivery.MessageId ?? string.Empty,
                ChatId = delivery.ConversationId,
                ClientMessageId = payload?.ClientMessageId,
                Reason = payload?.Reason ?? string.Empty,
                Detail = payload?.Detail ?? string.Empty,
            },
            WebhooksJsonContext.Wire.HeldEventData);
    }

    private Uri BaseAddress()
    {
        if (options.Value.PublicUrl is { } publicUrl)
        {
            return publicUrl;
        }

        // Without a public URL the first address Kestrel listens on is the best guess; say so in the docs.
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        return new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal));
    }
}
