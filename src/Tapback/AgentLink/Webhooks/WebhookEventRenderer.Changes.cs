using System.Text.Json;
using Dapper;

namespace Tapback.AgentLink.Webhooks;

/// <summary>The person's edits, unsends and typing, rendered from the store when sent.</summary>
internal sealed partial class WebhookEventRenderer
{
    private static DateTimeOffset? At(long? unixMs) => unixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private async Task<JsonElement?> ChangeAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var message = await connection.QuerySingleOrDefaultAsync<(string Sender, string Body, long? EditedAt, long? UnsentAt)?>(new CommandDefinition(
            "SELECT sender, body, edited_at, unsent_at FROM messages WHERE id = @MessageId",
            new { delivery.MessageId },
            cancellationToken: cancellationToken));
        if (message is not { } found)
        {
            return null;
        }

        // An edit sent after a later unsend carries no text: an unsent text never leaves the store again.
        var edited = delivery.Type == WebhookEventTypes.MessageEdited;
        return JsonSerializer.SerializeToElement(
            new MessageChangeEventData
            {
                MessageId = delivery.MessageId!,
                ConversationId = delivery.ConversationId,
                From = found.Sender,
                Body = edited && found.UnsentAt is null ? found.Body : null,
                EditedAt = edited ? At(found.EditedAt) : null,
                UnsentAt = At(found.UnsentAt),
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
