using System.Text.Json;

namespace Tapback.Transports.BlueBubbles.Api;

/// <summary>
/// A message as the server serialises it, in webhook <c>data</c> and REST responses alike. Dates are
/// epoch milliseconds. A tapback is a message whose <c>associatedMessageType</c> is a name
/// (<c>love</c>, <c>-love</c>) or a number (2000–2005 added, 3000–3005 removed).
/// </summary>
internal sealed record BlueBubblesMessage
{
    public string? Guid { get; init; }

    /// <summary>Ours, echoed back on the send response and on the first echo of our own send.</summary>
    public string? TempGuid { get; init; }

    public string? Text { get; init; }

    /// <summary>Where newer macOS keeps the text of sent messages (<c>text</c> is null there).</summary>
    public JsonElement? AttributedBody { get; init; }

    public BlueBubblesHandle? Handle { get; init; }

    /// <summary>Missing on <c>updated-message</c> webhooks.</summary>
    public IReadOnlyList<BlueBubblesChat>? Chats { get; init; }

    public IReadOnlyList<BlueBubblesAttachment>? Attachments { get; init; }

    public long? DateCreated { get; init; }

    public long? DateDelivered { get; init; }

    public long? DateRead { get; init; }

    public bool IsFromMe { get; init; }

    /// <summary>0 for a message; other values are group events (renames, members joining).</summary>
    public int? ItemType { get; init; }

    /// <summary>Non-zero when Messages failed to send it.</summary>
    public int? Error { get; init; }

    /// <summary><c>p:0/GUID</c> or <c>bp:GUID</c>: the message a tapback is on.</summary>
    public string? AssociatedMessageGuid { get; init; }

    public JsonElement? AssociatedMessageType { get; init; }

    public string? ThreadOriginatorGuid { get; init; }
}
