using Tapback.Gateway.Actions;
using Tapback.Gateway.Http;
using Tapback.Gateway.Integrations.Credentials;
using Tapback.Messaging;

namespace Tapback.AgentLink.Rest;

/// <summary>Typing, read receipts and tapbacks: the wire format here, the action in <see cref="AgentActions"/>.</summary>
internal static partial class RestEndpoints
{
    private static async Task<IResult> TypingAsync(HttpContext context, AgentActions actions, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync(context.Request, RestJsonContext.Default.TypingRequest, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        if (request.Typing is not { } on)
        {
            return RestProblems.BadRequest("'typing' is required: true shows the indicator, false hides it.");
        }

        return RestActionResults.Queued(await actions.TypingAsync(
            Caller(context), new TypingCommand { Chat = ChatRef.Of(request.To, request.ConversationId), On = on }, cancellationToken));
    }

    private static async Task<IResult> MarkReadAsync(string id, HttpContext context, AgentActions actions, CancellationToken cancellationToken) =>
        RestActionResults.Queued(await actions.MarkReadAsync(Caller(context), new MarkReadCommand { MessageId = id }, cancellationToken));

    private static async Task<IResult> ReactAsync(string id, HttpContext context, AgentActions actions, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync(context.Request, RestJsonContext.Default.ReactionRequest, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var reaction = request.Reaction?.Trim() ?? string.Empty;
        if (!ReactionTypes.TryParse(reaction.TrimStart('+', '-'), out var tapback))
        {
            return RestProblems.Unprocessable($"'reaction' is '{request.Reaction}'; send \"+<type>\" to add or \"-<type>\" to remove, the type one of {ReactionTypes.AllowedValues}.");
        }

        if (IdempotencyKey(context) is not { } idempotencyKey)
        {
            return RestProblems.BadRequest("The Idempotency-Key header is longer than 255 characters.");
        }

        return RestActionResults.Queued(await actions.ReactAsync(
            Caller(context),
            new ReactCommand { MessageId = id, Reaction = tapback, Remove = reaction.StartsWith('-'), IdempotencyKey = idempotencyKey.Length > 0 ? idempotencyKey : null },
            cancellationToken));
    }

    private static ActionCaller Caller(HttpContext context) =>
        ActionCaller.Of(IntegrationPrincipal.Of(context).Integration, ActionCaller.Surfaces.Rest);
}
