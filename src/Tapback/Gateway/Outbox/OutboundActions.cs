using Tapback.Messaging;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// What an outbox row asks its transport to do: the one reading of a row and its payload, for the
/// dispatcher and for rows carried out as they are written (<see cref="StoreSendsAtWrite"/>).
/// </summary>
internal static class OutboundActions
{
    /// <summary>The row as a transport's action, with its files (read by the caller from the payload's ids).</summary>
    public static OutboundAction Of(OutboxRow row, OutboxPayload payload, IReadOnlyList<OutboundAttachment> files) =>
        row.Kind switch
        {
            OutboxKinds.Message => new SendMessageAction
            {
                IdempotencyKey = row.IdempotencyKey,
                ChatId = row.ChatId,
                MessageId = row.MessageId!,
                Text = payload.Text ?? string.Empty,
                Attachments = files,
                ReplyTo = payload.ReplyTo,
                Effect = MessageEffects.TryParse(payload.Effect, out var effect) ? effect : null,
                VoiceNote = payload.VoiceNote == true,
            },
            OutboxKinds.Edit => new EditMessageAction { IdempotencyKey = row.IdempotencyKey, ChatId = row.ChatId, MessageId = row.MessageId!, Text = payload.Text ?? string.Empty },
            OutboxKinds.Unsend => new UnsendMessageAction { IdempotencyKey = row.IdempotencyKey, ChatId = row.ChatId, MessageId = row.MessageId! },
            OutboxKinds.TypingOn => new SetTypingAction { IdempotencyKey = row.IdempotencyKey, ChatId = row.ChatId, On = true },
            OutboxKinds.TypingOff => new SetTypingAction { IdempotencyKey = row.IdempotencyKey, ChatId = row.ChatId, On = false },
            OutboxKinds.Read => new MarkReadAction { IdempotencyKey = row.IdempotencyKey, ChatId = row.ChatId, MessageId = payload.TargetMessageId! },
            OutboxKinds.React or OutboxKinds.Unreact => new ReactAction
            {
                IdempotencyKey = row.IdempotencyKey,
                ChatId = row.ChatId,
                MessageId = payload.TargetMessageId!,
                Reaction = ReactionTypes.TryParse(payload.Reaction, out var reaction) ? reaction : throw new InvalidOperationException($"Outbox row {row.Id} has no valid reaction."),
                Remove = row.Kind == OutboxKinds.Unreact,
            },
            _ => throw new InvalidOperationException($"Outbox row {row.Id} has an unknown kind '{row.Kind}'."),
        };
}
