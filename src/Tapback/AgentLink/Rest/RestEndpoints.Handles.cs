using Tapback.Gateway.Actions;
using Tapback.Gateway.Integrations.Credentials;

namespace Tapback.AgentLink.Rest;

internal static partial class RestEndpoints
{
    private static void MapHandles(RouteGroupBuilder v2) =>
        v2.MapGet("/handles/{handle}", LookupHandleAsync)
            .WithSummary("Whether the paired phone is on iMessage (true), SMS only (false) or unknown (null), and when the transport was asked.")
            .Produces<HandleLookupDto>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> LookupHandleAsync(string handle, HttpContext context, AgentActions actions, CancellationToken cancellationToken)
    {
        var caller = ActionCaller.Of(IntegrationPrincipal.Of(context).Integration, ActionCaller.Surfaces.Rest);
        var (answer, refusal) = await actions.LookupAsync(caller, handle, cancellationToken);
        return answer is null
            ? RestActionResults.Problem(refusal!)
            : TypedResults.Json(HandleLookupDto.Of(answer), RestJsonContext.Wire.HandleLookupDto);
    }
}
