using Tapback.Gateway.Conversations;
using Tapback.Gateway.Http;
using Tapback.Gateway.Integrations.Credentials;
using Tapback.Gateway.Outbox;
using Tapback.Messaging;

namespace Tapback.AgentLink.Rest;

/// <summary>Typing, read receipts and tapbacks: the agent WebSocket's actions, keyed the same way under <c>rest:</c>.</summary>
internal static partial class RestEndpoints
{
    private static async Task<IResult> TypingAsync(HttpContext context, RestChats chats, OutboxWriter outbox, CancellationToken cancellationToken)
    {
        var integration = IntegrationPrincipal.Of(context).Integration;
        var (request, problem) = await JsonBody.ReadAsync(context.Request, RestJsonContext.Wire.TypingRequest, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        if (request.Typing is not { } on)
        {
            return RestProblems.BadRequest("'typing' is required: true shows the indicator, false hides it.");
        }

        var chat = await chats.ResolveAsync(integration, request.To, request.ConversationId, cancellationToken);
        if (chat.Conversation is not { } conversation)
        {
            return chat.Problem!;
        }

        if (!chats.Capabilities(conversation).Typing)
        {
            return RestProblems.Unprocessable($"This chat's transport ({conversation.Transport}) has no typing indicator.");
        }

        var key = $"rest:{integration.Id}:typing:{(on ? "on" : "off")}:{Guid.NewGuid():N}";
        await outbox.WriteAsync(conversation.Id, [AgentAction.Typing(key, on)], cancellationToken: cancellationToken);
        return Accepted(new ActionAccepted { ConversationId = conversation.Id, Status = "queued" }, RestJsonContext.Wire.ActionAccepted);
    }

    private static async Task<IResult> MarkReadAsync(string id, HttpContext context, RestChats chats, OutboxWriter outbox, CancellationToken cancellationToken)
    {
        var integration = IntegrationPrincipal.Of(context).Integration;
        var found = await chats.FindMessageAsync(integration, id, cancellationToken);
        if (found is not { Conversation: { } conversation, Message: { } message })
        {
            return found.Problem!;
        }

        if (message.Direction != MessageDirections.Inbound)
        {
            return RestProblems.Unprocessable($"Message '{id}' was sent by an agent; mark an inbound message read.");
        }

        if (!chats.Capabilities(conversation).ReadReceipts)
        {
            return RestProblems.Unprocessable($"This chat's transport ({conversation.Transport}) sends no read receipts.");
        }

        // Keyed by the message, as on the WebSocket: reading the same message twice marks it once.
        await outbox.WriteAsync(conversation.Id, [AgentAction.MarkRead($"rest:{integration.Id}:read:{message.Id}", message.Id)], cancellationToken: cancellationToken);
        return Accepted(new ActionAccepted { ConversationId = conversation.Id, Status = "queued" }, RestJsonContext.Wire.ActionAccepted);
    }

    private static async Task<IResult> ReactAsync(string id, HttpContext context, RestChats chats, OutboxWriter outbox, CancellationToken cancellationToken)
    {
        var integration = IntegrationPrincipal.Of(context).Integration;
        var (request, problem) = await JsonBody.ReadAsync(context.Request, RestJsonContext.Wire.ReactionRequest, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var reaction = request.Reaction?.Trim() ?? string.Empty;
        var remove = reaction.StartsWith('-');
        if (!ReactionTypes.TryParse(reaction.TrimStart('+', '-'), out var tapback))
        {
            return RestProblems.Unprocessable($"'reaction' is '{request.Reaction}'; send \"+<type>\" to add or \"-<type>\" to remove, the type one of {ReactionTypes.AllowedValues}.");
        }

        var found = await chats.FindMessageAsync(integration, id, cancellationToken);
        if (found is not { Conversation: { } conversation, Message: { } message })
        {
            return found.Problem!;
        }

        if (!chats.Capabilities(conversation).TapbacksSent)
        {
            return RestProblems.Unprocessable($"This chat's transport ({conversation.Transport}) cannot send tapbacks.");
        }

        var idempotencyKey = context.Request.Headers[IdempotencyHeader].ToString();
        var key = $"rest:{integration.Id}:react:{message.Id}:{(remove ? "-" : "+")}{tapback.ToWire()}:{(idempotencyKey.Length > 0 ? idempotencyKey : Guid.NewGuid().ToString("N"))}";
        await outbox.WriteAsync(conversation.Id, [AgentAction.React(key, message.Id, tapback, remove)], cancellationToken: cancellationToken);
        return Accepted(new ActionAccepted { ConversationId = conversation.Id, Status = "queued" }, RestJsonContext.Wire.ActionAccepted);
    }
}
