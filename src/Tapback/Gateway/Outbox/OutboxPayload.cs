using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Gateway.Outbox;

/// <summary>What an outbox row carries beyond its columns, stored as JSON.</summary>
internal sealed record OutboxPayload
{
    public string? Text { get; init; }
    public string? TargetMessageId { get; init; }
    public string? Reaction { get; init; }

    /// <summary>The ids of the attachment rows sent with a message, in order.</summary>
    public IReadOnlyList<string>? AttachmentIds { get; init; }

    /// <summary>Replaces <see cref="Text"/> in the store once the row is carried out.</summary>
    public string? RedactedText { get; init; }

    /// <summary>Tapback's id of the message a sent message answers inline.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>True for a voice memo that speaks the message's stored text (<see cref="Text"/> is then null: only the memo is sent).</summary>
    public bool? VoiceNote { get; init; }

    /// <summary>The effect a message is sent with (a <see cref="Tapback.Messaging.MessageEffects"/> wire name).</summary>
    public string? Effect { get; init; }
}

[JsonSerializable(typeof(OutboxPayload))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class OutboxJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static OutboxJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
