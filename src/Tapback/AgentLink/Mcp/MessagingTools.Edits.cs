using System.ComponentModel;
using ModelContextProtocol.Server;
using Tapback.Gateway.Actions;

namespace Tapback.AgentLink.Mcp;

/// <summary>Edits and unsends of the agent's own messages: the arguments here, the action in <see cref="AgentActions"/>.</summary>
internal sealed partial class MessagingTools
{
    [McpServerTool(Name = "edit_message", Title = "Edit a message you sent", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true)]
    [Description("Replaces the text of a message this agent sent. iMessage allows 5 edits within 15 minutes of sending, and the person sees it marked Edited; a send still scheduled or queued simply takes the new text (status 'revised'). Only where the transport can edit.")]
    public async Task<McpActionResult> EditMessageAsync(
        [Description("The id (msg_…) of a message this agent sent, from send_message or read_messages.")] string message_id,
        [Description("The new text of the message.")] string text,
        [Description("Optional key (up to 255 characters) that makes a retry safe: the same key again edits nothing new.")] string? idempotency_key = null,
        CancellationToken cancellationToken = default)
    {
        const string tool = "edit_message";
        if (string.IsNullOrWhiteSpace(message_id))
        {
            throw Refuse(tool, "'message_id' is required: the id of a message (msg_…) this agent sent.");
        }

        if (idempotency_key?.Length > 255)
        {
            throw Refuse(tool, "'idempotency_key' is longer than 255 characters.");
        }

        return Result(tool, await actions.EditAsync(
            Caller,
            new EditCommand { MessageId = message_id, Text = text ?? string.Empty, IdempotencyKey = string.IsNullOrEmpty(idempotency_key) ? null : idempotency_key },
            cancellationToken));
    }

    [McpServerTool(Name = "unsend_message", Title = "Unsend a message you sent", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true)]
    [Description("Takes back a message this agent sent: iMessage allows it within 2 minutes of sending, and the person sees that a message was unsent. A send still scheduled or queued is cancelled instead (status 'cancelled'). Only where the transport can unsend.")]
    public async Task<McpActionResult> UnsendMessageAsync(
        [Description("The id (msg_…) of a message this agent sent, from send_message or read_messages.")] string message_id,
        CancellationToken cancellationToken = default)
    {
        const string tool = "unsend_message";
        if (string.IsNullOrWhiteSpace(message_id))
        {
            throw Refuse(tool, "'message_id' is required: the id of a message (msg_…) this agent sent.");
        }

        return Result(tool, await actions.UnsendAsync(Caller, new UnsendCommand { MessageId = message_id }, cancellationToken));
    }
}
