using Tapback.Gateway.Actions;

namespace Tapback.AgentLink.Rest;

/// <summary>The REST API's side of the action core: a refusal becomes problem+json with its status.</summary>
internal static class RestActionResults
{
    public static IResult Problem(ActionResult.Refused refused) => refused.Kind switch
    {
        RefusalKind.Invalid => RestProblems.BadRequest(refused.Reason),
        RefusalKind.NotFound => RestProblems.NotFound(refused.Reason),
        RefusalKind.Forbidden => RestProblems.Forbidden(refused.Reason),
        RefusalKind.Conflict => RestProblems.Conflict(refused.Reason),
        RefusalKind.TooLarge => RestProblems.TooLarge(refused.Reason),
        RefusalKind.Unsupported or RefusalKind.Unprocessable => RestProblems.Unprocessable(refused.Reason),
        RefusalKind.Unavailable => RestProblems.Unavailable(refused.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(refused), refused.Kind, null),
    };

    /// <summary>A typing change, read receipt or tapback: <c>202 {"conversation_id", "status": "queued"}</c>, or the refusal's problem.</summary>
    public static IResult Queued(ActionResult result) => result switch
    {
        ActionResult.Accepted accepted => TypedResults.Json(
            new ActionAccepted { ConversationId = accepted.ConversationId, Status = "queued" }, RestJsonContext.Wire.ActionAccepted, statusCode: StatusCodes.Status202Accepted),
        ActionResult.Refused refused => Problem(refused),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };
}
