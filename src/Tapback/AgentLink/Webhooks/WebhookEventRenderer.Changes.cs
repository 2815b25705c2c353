using System.Text.Json;
using Dapper;
using Tapback.Gateway.Conversations;

namespace Tapback.AgentLink.Webhooks;

/// <summary>The person's edits, unsends and typing, rendered from the store when sent.</summary>
internal sealed partial class WebhookEventRenderer
{
    // As it stands when sent (ConversationReader.FindChangeAsync): an edit sent after a later unsend carries no text.
    private async Task<JsonElement?> ChangeAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await ConversationReader.FindChangeAsync(connection, delivery.MessageId, cancellationToken) is not { } change)
        {
            return null;
        }

        var edited = delivery.Type == WebhookEventTypes.MessageEdited;
        return JsonSerializer.SerializeToElement(
            new MessageChangeEventData
            {
                MessageId = delivery.MessageId!,
                ConversationId = delivery.ConversationId,
                From = change.Sender,
                Body = edited ? change.Text : null,
                EditedAt = edited ? change.EditedAt : null,
                UnsentAt = change.UnsentAt,
            },
            WebhooksJsonContext.Wire.MessageChangeEventData);
    }

    private async Task<JsonElement?> TypingAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var handle = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT handle FROM conversations WHERE id = @ConversationId",
            new { delivery.ConversationId },
            cancellationToken: cancellationToken));
        return handle is null
            ? null
            : JsonSerializer.SerializeToElement(
                new TypingEventData { ConversationId = delivery.ConversationId, From = handle },
                WebhooksJsonContext.Wire.TypingEventData);
    }

    private sealed record MessageRow
    {
        public string Id { get; init; } = string.Empty;
        public string Sender { get; init; } = string.Empty;
        public string Body { get; init; } = string.Empty;
        public string? ReplyTo { get; init; }
        public long CreatedAt { get; init; }
        public string ConversationId { get; init; } = string.Empty;
        public string Transport { get; init; } = string.Empty;
        public bool IsGroup { get; init; }
        public string? DisplayName { get; init; }
        public string? Service { get; init; }
        public string? Effect { get; init; }
        public long? EditedAt { get; init; }
        public long? UnsentAt { get; init; }
    }
}
