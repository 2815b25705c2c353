using System.ComponentModel;
using ModelContextProtocol.Server;
using Tapback.AgentLink.Rest;
using Tapback.Gateway.Actions;

namespace Tapback.AgentLink.Mcp;

internal sealed partial class MessagingTools
{
    /// <summary>Sends a message through <see cref="AgentActions.SendAsync"/>, as a REST send does; outbox keys <c>mcp:&lt;integration&gt;:send:…</c>.</summary>
    [McpServerTool(Name = "send_message", Title = "Send an iMessage", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true)]
    [Description("Sends an iMessage to the paired phone (to) or into one of its conversations (conversation_id), optionally with files fetched from public URLs. The message is queued and delivered in order; the result names the new message ids. Give exactly one of to or conversation_id.")]
    public async Task<McpActionResult> SendMessageAsync(
        [Description("The paired phone number in E.164, e.g. +15551234567. Omit when giving conversation_id.")] string? to = null,
        [Description("A conversation id (conv_…) from list_conversations; use it for group chats. Omit when giving to.")] string? conversation_id = null,
        [Description("The message text. Plain text; with split=true markdown is turned into plain text first.")] string? text = null,
        [Description("Public http(s) URLs of files (images, audio, documents) to send with the message; at most 10 by default.")] string[]? attachment_urls = null,
        [Description("True: send the text as short bubbles a beat apart with the typing indicator between, as a person types. False (default): one message as given.")] bool split = false,
        [Description("Optional: a message id (msg_…) of the same conversation to answer inline, in its thread. Refused where the transport cannot send replies.")] string? reply_to = null,
        [Description("Optional message effect: slam, loud, gentle, invisible_ink, confetti, fireworks, lasers, love, balloons, celebration, echo or spotlight. Refused where the transport cannot send effects.")] string? effect = null,
        [Description("Optional key (up to 255 characters) that makes a retry safe: the same key again sends nothing new and returns the first send's ids.")] string? idempotency_key = null,
        [Description("Optional time to send it, RFC 3339 with its offset (e.g. 2026-12-24T18:00:00Z), at most 14 days ahead by default. Until then edit_message rewrites it and unsend_message cancels it.")] string? send_at = null,
        CancellationToken cancellationToken = default)
    {
        const string tool = "send_message";
        var urls = attachment_urls ?? [];
        if (idempotency_key?.Length > 255)
        {
            throw Refuse(tool, "'idempotency_key' is longer than 255 characters.");
        }

        if (attachments.Validate([.. urls.Select(url => new RestAttachment { Url = url })]) is { } badUrls)
        {
            throw Refuse(tool, badUrls);
        }

        var (messageEffect, badEffect) = MessageEffectArgument.Parse(effect);
        if (badEffect is not null)
        {
            throw Refuse(tool, badEffect.Reason);
        }

        var (sendAt, badTime) = SendAtText.Parse(send_at);
        if (badTime is not null)
        {
            throw Refuse(tool, badTime.Reason);
        }

        var result = await actions.SendAsync(
            Caller,
            new SendCommand
            {
                Chat = ChatRef.Of(to, conversation_id),
                Text = text ?? string.Empty,
                Files = [.. urls.Select(url => SendFile.FromUrl(url))],
                Split = split ? options.Value.SplitPace() : null,
                ReplyTo = string.IsNullOrEmpty(reply_to) ? null : reply_to,
                Effect = messageEffect,
                IdempotencyKey = string.IsNullOrEmpty(idempotency_key) ? null : idempotency_key,
                AllowPrivateFileUrls = options.Value.AllowPrivateAttachmentUrls,
                SendAt = sendAt,
            },
            cancellationToken);
        if (result is ActionResult.Accepted accepted)
        {
            McpLog.SendQueued(_logger, Caller.Scope, accepted.MessageIds.Count, urls.Length, accepted.ConversationId);
        }

        return Result(tool, result) with { MessageIds = (result as ActionResult.Accepted)?.MessageIds };
    }
}
