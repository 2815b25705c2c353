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

    /// <summary>The message this one answers inline (an inline reply); <see cref="ThreadOriginatorPart"/> names the part.</summary>
    public string? ThreadOriginatorGuid { get; init; }

    /// <summary>The part of the thread's first message, as <c>0:0:17</c> (part index first).</summary>
    public string? ThreadOriginatorPart { get; init; }

    /// <summary>Apple's effect id (<c>com.apple.MobileSMS.expressivesend.impact</c>, <c>com.apple.messages.effect.CKConfettiEffect</c>).</summary>
    public string? ExpressiveSendStyleId { get; init; }

    /// <summary>When the sender last edited it (epoch ms; macOS Ventura or newer). An unsend sets it too.</summary>
    public long? DateEdited { get; init; }

    /// <summary>When the sender unsent it (epoch ms; macOS Ventura or newer).</summary>
    public long? DateRetracted { get; init; }
}
