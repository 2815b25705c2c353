using Tapback.Gateway.Http;

namespace Tapback.Gateway.Governor.Loops;

/// <summary><c>POST /api/admin/conversations/{id}/resume</c>, on the admin-protected group (the dashboard's Resume button calls it).</summary>
internal static class LoopBreakerEndpoints
{
    /// <summary>Who resumed, as <c>conversation_pauses.resumed_by</c> records it: the admin credential's holder.</summary>
    public const string Operator = "operator";

    public static RouteGroupBuilder MapLoopBreakerAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/conversations/{id}/resume", ResumeAsync)
            .WithTags("Loop breaker")
            .WithSummary("Resume a conversation the loop breaker paused: its held sends go out in order and the built-in agent answers again.")
            .Produces<ResumeResult>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return admin;
    }

    private static async Task<IResult> ResumeAsync(string id, ConversationResume resume, CancellationToken cancellationToken) =>
        await resume.ResumeAsync(id, Operator, cancellationToken) switch
        {
            ResumeOutcome.Resumed resumed => TypedResults.Json(
                new ResumeResult { ConversationId = id, PausedAt = resumed.PausedAt, ResumedAt = resumed.ResumedAt, Released = resumed.Released },
                LoopBreakerAdminJsonContext.Wire.ResumeResult),
            var outcome when outcome == ResumeOutcome.NotFound => Problems.NotFound($"No conversation '{id}'."),
            _ => Problems.Conflict($"Conversation '{id}' is not paused: only a conversation the loop breaker paused can be resumed."),
        };
}
