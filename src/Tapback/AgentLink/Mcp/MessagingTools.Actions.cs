using System.ComponentModel;
using ModelContextProtocol.Server;
using Tapback.Gateway.Actions;
using Tapback.Messaging;

namespace Tapback.AgentLink.Mcp;

/// <summary>Tapbacks, read receipts and typing: the arguments here, the action in <see cref="AgentActions"/>.</summary>
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

        if (string.IsNullOrWhiteSpace(message_id))
        {
            throw Refuse(tool, "'message_id' is required: the id of a message (msg_…) from read_messages or list_conversations.");
        }

        return Result(tool, await actions.ReactAsync(Caller, new ReactCommand { MessageId = message_id, Reaction = tapback, Remove = remove }, cancellationToken));
    }

    [McpServerTool(Name = "mark_read", Title = "Mark a conversation read", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Sends a read receipt for a conversation up to its newest inbound message, so the person sees Read. Marking the same message read twice sends one receipt.")]
    public async Task<McpActionResult> MarkReadAsync(
        [Description("The conversation id (conv_…) from list_conversations. Omit when giving to.")] string? conversation_id = null,
        [Description("The paired phone number in E.164, for its one-to-one chat. Omit when giving conversation_id.")] string? to = null,
        CancellationToken cancellationToken = default)
    {
        var result = await actions.MarkReadAsync(Caller, new MarkReadCommand { Chat = ChatRef.Of(to, conversation_id) }, cancellationToken);
        return result is ActionResult.Accepted { OutboxKeys.Count: 0 } nothing
            ? new McpActionResult { ConversationId = nothing.ConversationId, Status = "nothing_to_read", Note = "The person has not written in this conversation yet." }
            : Result("mark_read", result);
    }

    [McpServerTool(Name = "set_typing", Title = "Show or hide the typing indicator", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Shows (on=true) or hides (on=false) the typing indicator in a conversation, e.g. while preparing a long answer. Sending a message hides it on the phone.")]
    public async Task<McpActionResult> SetTypingAsync(
        [Description("True shows the typing indicator, false hides it.")] bool on,
        [Description("The conversation id (conv_…) from list_conversations. Omit when giving to.")] string? conversation_id = null,
        [Description("The paired phone number in E.164, for its one-to-one chat. Omit when giving conversation_id.")] string? to = null,
        CancellationToken cancellationToken = default) =>
        Result("set_typing", await actions.TypingAsync(Caller, new TypingCommand { Chat = ChatRef.Of(to, conversation_id), On = on }, cancellationToken));
}
