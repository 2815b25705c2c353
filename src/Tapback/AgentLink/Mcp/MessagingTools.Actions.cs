using System.ComponentModel;
using ModelContextProtocol.Server;
using Tapback.Gateway.Outbox;
using Tapback.Messaging;

namespace Tapback.AgentLink.Mcp;

/// <summary>Tapbacks, read receipts and typing: the REST API's actions, keyed the same way under <c>mcp:</c>.</summary>
internal sealed partial class MessagingTools
{
    [McpServerTool(Name = "react", Title = "Add or remove a tapback", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true)]
    [Description("Puts a tapback (love, like, dislike, laugh, emphasize, question) on a message, or removes one with remove=true. Removing takes a reaction back, which is why this tool is marked destructive.")]
    public async Task<McpActionResult> ReactAsync(
        [Description("The id (msg_…) of the message to react to, from read_messages or list_conversations.")] string message_id,
        [Description("The tapback: love, like, dislike, laugh, emphasize or question.")] string reaction,
        [Description("True removes this tapback instead of adding it.")] bool remove = false,
        CancellationToken cancellationToken = default)
    {
        const string tool = "react";
        if (!ReactionTypes.TryParse(reaction?.Trim(), out var tapback))
        {
            throw Refuse(tool, $"'reaction' is '{reaction}'; give one of {ReactionTypes.AllowedValues}.");
        }

        var (conversation, message) = await FindMessageAsync(tool, message_id, cancellationToken);
        if (!chats.Capabilities(conversation).TapbacksSent)
        {
            throw Refuse(tool, $"This chat's transport ({conversation.Transport}) cannot send tapbacks.");
        }

        var key = $"mcp:{Caller.Id}:react:{message.Id}:{(remove ? "-" : "+")}{tapback.ToWire()}:{Guid.NewGuid():N}";
        await outbox.WriteAsync(conversation.Id, [AgentAction.React(key, message.Id, tapback, remove)], cancellationToken: cancellationToken);
        return new McpActionResult { ConversationId = conversation.Id, MessageId = message.Id, Status = "queued" };
    }

    [McpServerTool(Name = "mark_read", Title = "Mark a conversation read", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Sends a read receipt for a conversation up to its newest inbound message, so the person sees Read. Marking the same message read twice sends one receipt.")]
    public async Task<McpActionResult> MarkReadAsync(
        [Description("The conversation id (conv_…) from list_conversations. Omit when giving to.")] string? conversation_id = null,
        [Description("The paired phone number in E.164, for its one-to-one chat. Omit when giving conversation_id.")] string? to = null,
        CancellationToken cancellationToken = default)
    {
        const string tool = "mark_read";
        var conversation = await ResolveAsync(tool, to, conversation_id, cancellationToken);
        if (!chats.Capabilities(conversation).ReadReceipts)
        {
            throw Refuse(tool, $"This chat's transport ({conversation.Transport}) sends no read receipts.");
        }

        var last = await reader.LastInboundAsync(conversation.Id, cancellationToken);
        if (last is null)
        {
            return new McpActionResult { ConversationId = conversation.Id, Status = "nothing_to_read", Note = "The person has not written in this conversation yet." };
        }

        // Keyed by the message, as on the REST API and the WebSocket: reading it twice marks it once.
        await outbox.WriteAsync(conversation.Id, [AgentAction.MarkRead($"mcp:{Caller.Id}:read:{last}", last)], cancellationToken: cancellationToken);
        return new McpActionResult { ConversationId = conversation.Id, MessageId = last, Status = "queued" };
    }

    [McpServerTool(Name = "set_typing", Title = "Show or hide the typing indicator", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Shows (on=true) or hides (on=false) the typing indicator in a conversation, e.g. while preparing a long answer. Sending a message hides it on the phone.")]
    public async Task<McpActionResult> SetTypingAsync(
        [Description("True shows the typing indicator, false hides it.")] bool on,
        [Description("The conversation id (conv_…) from list_conversations. Omit when giving to.")] string? conversation_id = null,
        [Description("The paired phone number in E.164, for its one-to-one chat. Omit when giving conversation_id.")] string? to = null,
        CancellationToken cancellationToken = default)
    {
        const string tool = "set_typing";
        var conversation = await ResolveAsync(tool, to, conversation_id, cancellationToken);
        if (!chats.Capabilities(conversation).Typing)
        {
            throw Refuse(tool, $"This chat's transport ({conversation.Transport}) has no typing indicator.");
        }

        var key = $"mcp:{Caller.Id}:typing:{(on ? "on" : "off")}:{Guid.NewGuid():N}";
        await outbox.WriteAsync(conversation.Id, [AgentAction.Typing(key, on)], cancellationToken: cancellationToken);
        return new McpActionResult { ConversationId = conversation.Id, Status = "queued" };
    }
}
