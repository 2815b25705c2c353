using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tapback.Gateway.Actions;

/// <summary>
/// What makes two requests "the same" for an idempotency key: the operation and everything it was
/// asked to do, hashed. A send keeps the JSON shape the REST API hashed before the core (no <c>op</c>,
/// snake_case, nulls left out), so keys stored then still match their retries.
/// </summary>
internal sealed record ActionFingerprint
{
    public string? Op { get; init; }
    public string? To { get; init; }
    public string? ConversationId { get; init; }
    public string? Body { get; init; }
    public IReadOnlyList<FingerprintFile>? Attachments { get; init; }
    public bool? Split { get; init; }
    public bool? ContactCard { get; init; }
    public string? MessageId { get; init; }
    public string? Reaction { get; init; }
    public bool? Remove { get; init; }

    // Last, and left out when null, so a plain send hashes as it did before replies and effects existed.
    public string? ReplyTo { get; init; }
    public string? Effect { get; init; }

    /// <summary>A scheduled send's time (round-trip format); absent for a send now, so older keys still match.</summary>
    public string? SendAt { get; init; }

    public static string Of(SendCommand send) => Hash(new ActionFingerprint
    {
        // A key is the integration's on every surface, so the WebSocket's one chatId is hashed as REST and
        // MCP name the same chat: a conversation id (conv_…) as one, anything else as the phone ('to').
        To = send.Chat.Any is { } any ? (IsConversationId(any) ? null : any) : send.Chat.To,
        ConversationId = send.Chat.Any is { } either ? (IsConversationId(either) ? either : null) : send.Chat.ConversationId,
        Body = send.Text.Length > 0 ? send.Text : null,
        Attachments = send.Files.Count > 0 ? [.. send.Files.Select(file => new FingerprintFile { Url = file.Url, Name = file.Name, Upload = file.Stored?.Id })] : null,
        Split = send.Split is null ? null : true,
        ReplyTo = send.ReplyTo,
        Effect = send.Effect is { } effect ? Messaging.MessageEffects.ToWire(effect) : null,
        ContactCard = send.ContactCard ? true : null,
        SendAt = send.SendAt?.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    });

    public static string Of(EditCommand edit) => Hash(new ActionFingerprint
    {
        Op = "edit",
        MessageId = edit.MessageId,
        Body = edit.Text,
    });

    public static string Of(ReactCommand react) => Hash(new ActionFingerprint
    {
        Op = "react",
        MessageId = react.MessageId,
        Reaction = Messaging.ReactionTypes.ToWire(react.Reaction),
        Remove = react.Remove,
    });

    private static bool IsConversationId(string chatId) => chatId.StartsWith("conv_", StringComparison.Ordinal);

    private static string Hash(ActionFingerprint fingerprint) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fingerprint, ActionJsonContext.Hashed.ActionFingerprint))));

    internal sealed record FingerprintFile
    {
        public string? Url { get; init; }
        public string? Name { get; init; }
        public string? Upload { get; init; }
    }
}
