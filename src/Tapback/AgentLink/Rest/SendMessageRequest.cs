namespace Tapback.AgentLink.Rest;

/// <summary><c>POST /v2/messages</c>: to the paired phone (<see cref="To"/>) or into one of its conversations.</summary>
internal sealed record SendMessageRequest
{
    public string? To { get; init; }

    public string? ConversationId { get; init; }

    public string? Body { get; init; }

    /// <summary>
    /// Not sent: read only to answer a request that put its text here (the simulator's and other
    /// gateways' name for it) with "use body", instead of "body is required".
    /// </summary>
    [System.ComponentModel.Description("Not read: the text to send goes in `body`. A request with `text` and no `body` is answered 400.")]
    public string? Text { get; init; }

    /// <summary>Files to send, by URL: <c>"https://…"</c> or <c>{"url", "name"}</c>; Tapback fetches them.</summary>
    public IReadOnlyList<RestAttachment>? Attachments { get; init; }

    /// <summary>True: attach the agent's contact card (a .vcf of its bot name and the number it texts from).</summary>
    public bool? ContactCard { get; init; }

    /// <summary>True: markdown to plain text, short bubbles, typing between, jittered gaps. False: the body as given.</summary>
    public bool? Split { get; init; }

    /// <summary>A message id (msg_…) of the same chat to answer inline, in its thread.</summary>
    [System.ComponentModel.Description("A message id (msg_…) of the same conversation to answer inline (a threaded reply). Refused (422) where the transport cannot send replies. With split, every bubble answers it.")]
    public string? ReplyTo { get; init; }

    /// <summary>A bubble or screen effect by its wire name.</summary>
    [System.ComponentModel.Description("A message effect: slam, loud, gentle, invisible_ink, confetti, fireworks, lasers, love, balloons, celebration, echo or spotlight. Refused (422) where the transport cannot send effects. With split, the first bubble carries it.")]
    public string? Effect { get; init; }

    /// <summary>When to send (RFC 3339 with an offset); omitted sends now. Cancellable with <c>DELETE /v2/messages/{id}</c> until then.</summary>
    [System.ComponentModel.Description("When to send, RFC 3339 with its offset (e.g. 2026-12-24T18:00:00Z); omit to send now. A scheduled send can be edited (PATCH) or cancelled (DELETE) until it goes.")]
    public string? SendAt { get; init; }
}
