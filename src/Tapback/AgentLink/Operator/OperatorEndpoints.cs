using Microsoft.Extensions.Options;
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
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return admin;
    }

    private static async Task<IResult> SendAsync(
        string id, HttpContext context, AgentActions actions, IOptions<RestOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync(context.Request, OperatorJsonContext.Wire.OperatorSendRequest, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        if (string.IsNullOrWhiteSpace(request.Body))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["body"] = ["Write the reply: 'body' is the text to send."] });
        }

        if (request.Body.Length > options.Value.MaxBodyLength)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["body"] = [$"The reply is {request.Body.Length} characters; the limit is {options.Value.MaxBodyLength} (Tapback:Rest:MaxBodyLength)."],
            });
        }

        var key = context.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length > 255)
        {
            return Problems.BadRequest("The Idempotency-Key header is longer than 255 characters.");
        }

        var result = await actions.SendAsync(
            ActionCaller.Operator(),
            new SendCommand { Chat = ChatRef.Of(to: null, conversationId: id), Text = request.Body, IdempotencyKey = key.Length > 0 ? key : null },
            cancellationToken);
        if (result is not ActionResult.Accepted accepted)
        {
            return RestActionResults.Problem((ActionResult.Refused)result);
        }

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
