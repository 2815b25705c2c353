using Microsoft.Extensions.Options;
using Tapback.Gateway.Actions;
using Tapback.Gateway.Http;
using Tapback.Gateway.Integrations.Credentials;

namespace Tapback.AgentLink.Rest;

internal static partial class RestEndpoints
{
    private const string IdempotencyHeader = "Idempotency-Key";

    private static async Task<IResult> SendAsync(
        HttpContext context, AgentActions actions, RestAttachments files, IOptions<RestOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var integration = IntegrationPrincipal.Of(context).Integration;
        var logger = loggers.CreateLogger(RestLog.Category);
        var (request, problem) = await JsonBody.ReadAsync(context.Request, RestJsonContext.Wire.SendMessageRequest, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        // The text under another API's name ('text': the simulator's, MCP send_message's) is answered
        // with the name to use, rather than the core's "body is required".
        if (request.Text is not null && string.IsNullOrWhiteSpace(request.Body) && request.Attachments is not { Count: > 0 } && request.ContactCard != true)
        {
            return RestProblems.BadRequest("Use 'body' for the text to send, not 'text': {\"to\": \"+1…\", \"body\": \"…\"}.");
        }

        if (files.Validate(request.Attachments) is { } badAttachments)
        {
            return RestProblems.BadRequest(badAttachments);
        }

        var (effect, badEffect) = MessageEffectArgument.Parse(request.Effect);
        if (badEffect is not null)
        {
            return RestActionResults.Problem(badEffect);
        }

        if (IdempotencyKey(context) is not { } idempotencyKey)
        {
            return RestProblems.BadRequest("The Idempotency-Key header is longer than 255 characters.");
        }

        var (sendAt, badTime) = SendAtText.Parse(request.SendAt);
        if (badTime is not null)
        {
            return RestActionResults.Problem(badTime);
        }

        var result = await actions.SendAsync(
            ActionCaller.Of(integration, ActionCaller.Surfaces.Rest),
            new SendCommand
            {
                Chat = ChatRef.Of(request.To, request.ConversationId),
                Text = request.Body ?? string.Empty,
                Files = [.. (request.Attachments ?? []).Select(file => SendFile.FromUrl(file.Url!, file.Name))],
                Split = request.Split == true ? options.Value.SplitPace() : null,
                ReplyTo = string.IsNullOrEmpty(request.ReplyTo) ? null : request.ReplyTo,
                Effect = effect,
                ContactCard = request.ContactCard == true,
                IdempotencyKey = idempotencyKey.Length > 0 ? idempotencyKey : null,
                AllowPrivateFileUrls = options.Value.AllowPrivateAttachmentUrls,
                SendAt = sendAt,
            },
            cancellationToken);
        switch (result)
        {
            case ActionResult.Accepted accepted:
                RestLog.SendQueued(logger, integration.Id, accepted.MessageIds.Count, accepted.ConversationId);
                return Accepted(
                    new SendMessageResponse { MessageId = accepted.MessageIds[0], MessageIds = accepted.MessageIds, ConversationId = accepted.ConversationId, Status = accepted.As.ToWire() },
                    RestJsonContext.Wire.SendMessageResponse);
            case ActionResult.Refused { Kind: RefusalKind.Conflict } conflict:
                RestLog.KeyReused(logger, integration.Id);
                return RestActionResults.Problem(conflict);
            default:
                return RestActionResults.Problem((ActionResult.Refused)result);
        }
    }

    /// <summary>The Idempotency-Key header ("" when absent), or null when it is too long to be one.</summary>
    private static string? IdempotencyKey(HttpContext context)
    {
        var key = context.Request.Headers[IdempotencyHeader].ToString();
        return key.Length > 255 ? null : key;
    }
}
