using System.Globalization;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Http;
using Tapback.Gateway.Outbox;

namespace Tapback.Gateway.Governor;

/// <summary>
/// <c>/api/admin/held</c>: the operator sees every send the governor holds, and releases (past the
/// limits, for good) or discards one. On the admin-protected group.
/// </summary>
internal static class HeldAdminEndpoints
{
    private const int MaxLimit = 200;

    public static RouteGroupBuilder MapHeldAdmin(this RouteGroupBuilder admin)
    {
        var held = admin.MapGroup("/held").WithTags("Held sends");
        held.MapGet("/", ListAsync)
            .WithSummary("Every send the send governor holds, oldest first, with its reason; page with cursor (nextCursor) and limit (1 to 200, default 50).")
            .Produces<HeldList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        held.MapPost("/{messageId}/release", ReleaseAsync)
            .WithSummary("Send a held message now, past the governor's limits: it is not held again.")
            .Produces<HeldChangeResult>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        held.MapPost("/{messageId}/discard", DiscardAsync)
            .WithSummary("Drop a held message: it ends failed, and its agent hears message.failed with the hold's reason.")
            .Produces<HeldChangeResult>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return admin;
    }

    private static async Task<IResult> ListAsync(string? cursor, int? limit, HeldSends held, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Problems.BadRequest($"'limit' is {limit}; ask for 1 to {MaxLimit} held sends a page.");
        }

        var after = 0L;
        if (cursor is not null && (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after) || after < 0))
        {
            return Problems.BadRequest($"'cursor' is '{cursor}'; pass the nextCursor of the previous page, or nothing for the first.");
        }

        return TypedResults.Json(await held.ListAsync(after, limit ?? 50, cancellationToken), GovernorJsonContext.Wire.HeldList);
    }

    private static async Task<IResult> ReleaseAsync(string messageId, HeldSends held, CancellationToken cancellationToken) =>
        Answer(messageId, await held.ReleaseAsync(messageId, cancellationToken), MessageStates.Queued);

    private static async Task<IResult> DiscardAsync(string messageId, HeldSends held, CancellationToken cancellationToken) =>
        Answer(messageId, await held.DiscardAsync(messageId, cancellationToken), MessageStates.Failed);

    private static IResult Answer(string messageId, OutboxStore.HeldChange change, string state) => change switch
    {
        OutboxStore.HeldChange.Unknown => Problems.NotFound($"No message '{messageId}' was sent through the outbox. GET /api/admin/held lists the held ones."),
        OutboxStore.HeldChange.NotHeld => Problems.Conflict($"Message '{messageId}' is not held (any more): it was released, sent, cancelled or discarded. GET /api/admin/held lists the held ones."),
        _ => TypedResults.Json(new HeldChangeResult(messageId, state), GovernorJsonContext.Wire.HeldChangeResult),
    };
}
