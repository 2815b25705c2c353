using Microsoft.Extensions.Options;
using Tapback.Gateway.Http;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Integrations.Credentials;
using Tapback.Gateway.Outbox;

namespace Tapback.AgentLink.Rest;

internal static partial class RestEndpoints
{
    private const string IdempotencyHeader = "Idempotency-Key";

    private static async Task<IResult> SendAsync(
        HttpContext context, RestChats chats, RestPacing pacing, RestIdempotency idempotency, RestAttachments files, OutboxWriter outbox,
        IOptions<RestOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var integration = IntegrationPrincipal.Of(context).Integration;
        var logger = loggers.CreateLogger(RestLog.Category);
        var (request, problem) = await JsonBody.ReadAsync(context.Request, RestJsonContext.Wire.SendMessageRequest, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        if (string.IsNullOrWhiteSpace(request.Body) && request.Attachments is not { Count: > 0 })
        {
            return RestProblems.BadRequest("'body' is required: the text to send (or 'attachments', files to send).");
        }

        if (files.Validate(request.Attachments) is { } badAttachments)
        {
            return badAttachments;
        }

        var body = request.Body ?? string.Empty;
        if (body.Length > options.Value.MaxBodyLength)
        {
            return RestProblems.TooLarge($"'body' is {body.Length} characters; the limit is {options.Value.MaxBodyLength} (Tapback:Rest:MaxBodyLength).");
        }

        var idempotencyKey = context.Request.Headers[IdempotencyHeader].ToString();
        if (idempotencyKey.Length > 255)
        {
            return RestProblems.BadRequest("The Idempotency-Key header is longer than 255 characters.");
        }

        var requestHash = RestIdempotency.Hash(request);
        if (idempotencyKey.Length > 0 && await idempotency.FindAsync(integration.Id, idempotencyKey, cancellationToken) is { } remembered)
        {
            return remembered.RequestHash == requestHash
                ? Accepted(Queued(remembered.ConversationId, remembered.MessageIds), RestJsonContext.Wire.SendMessageResponse)
                : KeyReused(logger, integration.Id);
        }

        var chat = await chats.ResolveAsync(integration, request.To, request.ConversationId, cancellationToken);
        if (chat.Conversation is not { } conversation)
        {
            return chat.Problem!;
        }

        var capabilities = chats.Capabilities(conversation);
        if (request.Attachments is { Count: > 0 } && !capabilities.Attachments)
        {
            return RestProblems.Unprocessable("This chat's transport cannot send files; send the text alone.");
        }

        var key = $"rest:{integration.Id}:send:{(idempotencyKey.Length > 0 ? idempotencyKey : Guid.NewGuid().ToString("N"))}";
        var (attachments, fetchProblem) = await files.FetchAsync(key, request.Attachments, cancellationToken);
        if (fetchProblem is not null)
        {
            return fetchProblem;
        }

        // Each bubble reports its outcome to the integration, so its webhooks hear message.sent / message.failed.
        var actions = pacing.Plan(key, body, request.Split == true, capabilities.Typing, attachments)
            .Select(action => action.Kind == AgentActionKind.Message ? action with { ReportTo = IntegrationLinks.Of(integration.Id) } : action)
            .ToList();
        try
        {
            var messageIds = await outbox.WriteAsync(
                conversation.Id,
                actions,
                completeQueueSeqs: null,
                alsoWrite: idempotencyKey.Length == 0
                    ? null
                    : write => RestIdempotency.RememberAsync(
                        write.Connection, write.Transaction, integration.Id, idempotencyKey, requestHash, conversation.Id, write.MessageIds, write.Now, write.CancellationToken),
                cancellationToken);
            RestLog.SendQueued(logger, integration.Id, messageIds.Count, conversation.Id);
            return Accepted(Queued(conversation.Id, messageIds), RestJsonContext.Wire.SendMessageResponse);
        }
        catch (IdempotencyConflictException)
        {
            return KeyReused(logger, integration.Id);
        }
    }

    private static SendMessageResponse Queued(string conversationId, IReadOnlyList<string> messageIds) =>
        new() { MessageId = messageIds[0], MessageIds = messageIds, ConversationId = conversationId, Status = "queued" };

    private static IResult KeyReused(ILogger logger, string integrationId)
    {
        RestLog.KeyReused(logger, integrationId);
        return RestProblems.Conflict("This Idempotency-Key was already used with another request body; use a new key for a new message.");
    }
}
