using System.ComponentModel;
using ModelContextProtocol.Server;
using Tapback.AgentLink.Rest;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Outbox;

namespace Tapback.AgentLink.Mcp;

internal sealed partial class MessagingTools
{
    /// <summary>Sends a message: the same outbox rows a REST send writes, keyed <c>mcp:&lt;integration&gt;:send:…</c>.</summary>
    [McpServerTool(Name = "send_message", Title = "Send an iMessage", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true)]
    [Description("Sends an iMessage to the paired phone (to) or into one of its conversations (conversation_id), optionally with files fetched from public URLs. The message is queued and delivered in order; the result names the new message ids. Give exactly one of to or conversation_id.")]
    public async Task<McpActionResult> SendMessageAsync(
        [Description("The paired phone number in E.164, e.g. +15551234567. Omit when giving conversation_id.")] string? to = null,
        [Description("A conversation id (conv_…) from list_conversations; use it for group chats. Omit when giving to.")] string? conversation_id = null,
        [Description("The message text. Plain text; with split=true markdown is turned into plain text first.")] string? text = null,
        [Description("Public http(s) URLs of files (images, audio, documents) to send with the message; at most 10 by default.")] string[]? attachment_urls = null,
        [Description("True: send the text as short bubbles a beat apart with the typing indicator between, as a person types. False (default): one message as given.")] bool split = false,
        [Description("Optional key (up to 255 characters) that makes a retry safe: the same key again sends nothing new and returns the first send's ids.")] string? idempotency_key = null,
        CancellationToken cancellationToken = default)
    {
        const string tool = "send_message";
        IReadOnlyList<RestAttachment> urls = [.. (attachment_urls ?? []).Select(url => new RestAttachment { Url = url })];
        if (string.IsNullOrWhiteSpace(text) && urls.Count == 0)
        {
            throw Refuse(tool, "'text' is required (or at least one of 'attachment_urls'): the message to send.");
        }

        if (text?.Length > options.Value.MaxBodyLength)
        {
            throw Refuse(tool, $"'text' is {text.Length} characters; the limit is {options.Value.MaxBodyLength}. Send it as several messages.");
        }

        if (idempotency_key?.Length > 255)
        {
            throw Refuse(tool, "'idempotency_key' is longer than 255 characters.");
        }

        if (attachments.Validate(urls) is { } badUrls)
        {
            throw Refuse(tool, badUrls);
        }

        var integration = Caller;
        var conversation = await ResolveAsync(tool, to, conversation_id, cancellationToken);
        var capabilities = chats.Capabilities(conversation);
        if (urls.Count > 0 && !capabilities.Attachments)
        {
            throw Refuse(tool, $"This chat's transport ({conversation.Transport}) cannot send files; send the links as text instead.");
        }

        var key = $"mcp:{integration.Id}:send:{(string.IsNullOrEmpty(idempotency_key) ? Guid.NewGuid().ToString("N") : idempotency_key)}";
        // A repeated key must not fetch its files again: the outbox answers it with the first send's ids.
        var repeat = !string.IsNullOrEmpty(idempotency_key) && await reader.SendExistsAsync(key, cancellationToken);
        var (files, fetchProblem) = repeat ? ([], null) : await attachments.FetchAsync(key, urls, cancellationToken);
        if (fetchProblem is not null)
        {
            throw Refuse(tool, $"{Detail(fetchProblem)} Nothing was sent.");
        }

        var actions = pacing.Plan(key, text ?? string.Empty, split, capabilities.Typing, files)
            .Select(action => action.Kind == AgentActionKind.Message ? action with { ReportTo = IntegrationLinks.Of(integration.Id) } : action)
            .ToList();
        var messageIds = await outbox.WriteAsync(conversation.Id, actions, cancellationToken: cancellationToken);
        McpLog.SendQueued(_logger, integration.Id, messageIds.Count, files.Count, conversation.Id);
        return new McpActionResult { ConversationId = conversation.Id, MessageIds = messageIds, MessageId = messageIds[0], Status = "queued" };
    }
}
