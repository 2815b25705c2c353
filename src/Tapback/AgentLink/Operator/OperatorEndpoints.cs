using Tapback.AgentLink.Rest;
using Tapback.Gateway.Actions;
using Tapback.Gateway.Http;

namespace Tapback.AgentLink.Operator;

/// <summary>
/// The operator's reply into any conversation (the dashboard's send box), through the one action core
/// as <see cref="ActionCaller.Operator"/>: the same checks, idempotency and outbox rows as an agent's
/// send. Mapped inside the admin group, so the admin credential (and the dashboard cookie's
/// same-origin rule) guards it.
/// </summary>
internal static partial class OperatorEndpoints
{
    private const string IdempotencyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapOperatorActions(this RouteGroupBuilder admin)
    {
        admin.MapPost("/conversations/{id}/messages", SendAsync)
            .WithTags("Operator")
            .WithSummary("Reply in a conversation as the operator; Idempotency-Key makes a retry send nothing twice.")
            .AcceptsJson<OperatorSendRequest>()
            .Produces<OperatorSendResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return admin;
    }

    private static async Task<IResult> SendAsync(
        string id, HttpContext context, AgentActions actions, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync(context.Request, OperatorJsonContext.Wire.OperatorSendRequest, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var key = context.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length > 255)
        {
            return Problems.BadRequest("The Idempotency-Key header is longer than 255 characters.");
        }

        var result = await actions.SendAsync(
            ActionCaller.Operator(),
            new SendCommand { Chat = ChatRef.Of(to: null, conversationId: id), Text = request.Body ?? string.Empty, IdempotencyKey = key.Length > 0 ? key : null },
            cancellationToken);
        switch (result)
        {
            case ActionResult.Refused { Kind: RefusalKind.Invalid or RefusalKind.TooLarge } refused:
                // Named by its id in the path, the chat is never what is wrong here: the body is (empty,
                // or past Tapback:Actions:MaxBodyLength), and the dashboard shows it beside the field.
                return Problems.Validation(new Dictionary<string, string[]> { ["body"] = [refused.Reason] });
            case ActionResult.Refused refused:
                return RestActionResults.Problem(refused);
        }

        var accepted = (ActionResult.Accepted)result;

        var logger = loggers.CreateLogger(typeof(OperatorEndpoints));
        LogQueued(logger, accepted.ConversationId, accepted.Duplicate);
        return TypedResults.Json(
            new OperatorSendResponse { ConversationId = accepted.ConversationId, MessageIds = accepted.MessageIds, Status = "queued", Duplicate = accepted.Duplicate },
            OperatorJsonContext.Wire.OperatorSendResponse,
            statusCode: StatusCodes.Status202Accepted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The operator replied in conversation {ConversationId} (repeat: {Duplicate}).")]
    private static partial void LogQueued(ILogger logger, string conversationId, bool duplicate);
}
