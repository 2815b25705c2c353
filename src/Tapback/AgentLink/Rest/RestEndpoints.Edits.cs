using Tapback.Gateway.Actions;
using Tapback.Gateway.Http;

namespace Tapback.AgentLink.Rest;

/// <summary>Edits and unsends of the agent's own messages: the wire format here, the action in <see cref="AgentActions"/>.</summary>
internal static partial class RestEndpoints
{
    private static void MapEdits(RouteGroupBuilder v2)
    {
        v2.MapPatch("/messages/{id}", EditAsync)
            .WithSummary("Edit a message this integration sent (iMessage: up to 5 edits within 15 minutes), or rewrite a send still waiting to go.")
            .AcceptsJson<EditMessageRequest>()
            .Produces<MessageChangeAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        v2.MapDelete("/messages/{id}", UnsendAsync)
            .WithSummary("Cancel a send still scheduled or queued, or unsend a sent message (iMessage: within 2 minutes).")
            .Produces<MessageChangeAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> EditAsync(string id, HttpContext context, AgentActions actions, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync(context.Request, RestJsonContext.Wire.EditMessageRequest, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        if (IdempotencyKey(context) is not { } idempotencyKey)
        {
            return RestProblems.BadRequest("The Idempotency-Key header is longer than 255 characters.");
        }

        return Changed(await actions.EditAsync(
            Caller(context),
            new EditCommand { MessageId = id, Text = request.Body ?? string.Empty, IdempotencyKey = idempotencyKey.Length > 0 ? idempotencyKey : null },
            cancellationToken));
    }

    private static async Task<IResult> UnsendAsync(string id, HttpContext context, AgentActions actions, CancellationToken cancellationToken) =>
        Changed(await actions.UnsendAsync(Caller(context), new UnsendCommand { MessageId = id }, cancellationToken));

    private static IResult Changed(ActionResult result) => result switch
    {
        ActionResult.Accepted accepted => TypedResults.Json(
            new MessageChangeAccepted { MessageId = accepted.MessageIds[0], ConversationId = accepted.ConversationId, Status = accepted.As.ToWire() },
            RestJsonContext.Wire.MessageChangeAccepted,
            statusCode: StatusCodes.Status202Accepted),
        ActionResult.Refused refused => RestActionResults.Problem(refused),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };
}
