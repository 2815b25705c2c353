namespace Tapback.Gateway.OptOut;

/// <summary><c>GET /api/admin/opt-outs</c>: who texted STOP, for operators (on the admin-protected group).</summary>
internal static class OptOutAdminEndpoints
{
    public static RouteGroupBuilder MapOptOutAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/opt-outs", ListAsync).WithTags("Opt-outs")
            .WithSummary("Who texted STOP (or another opt-out word), on which transport and when.")
            .Produces<IReadOnlyList<OptOutView>>();
        return admin;
    }

    private static async Task<IResult> ListAsync(OptOutStore store, CancellationToken cancellationToken)
    {
        IReadOnlyList<OptOutView> views = [.. (await store.ListAsync(cancellationToken)).Select(record => new OptOutView(
            record.Transport, record.Handle, record.Keyword, DateTimeOffset.FromUnixTimeMilliseconds(record.CreatedAt)))];
        return TypedResults.Json(views, OptOutJsonContext.Wire.IReadOnlyListOptOutView);
    }
}
