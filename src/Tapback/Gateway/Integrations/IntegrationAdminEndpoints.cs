using Microsoft.Extensions.Options;
using Tapback.Gateway.Http;
using Tapback.Gateway.Integrations.Credentials;
using Tapback.Gateway.Routing;

namespace Tapback.Gateway.Integrations;

/// <summary>
/// Integration management for operators and the dashboard. Mapped on a group the host protects with
/// the admin credential (<c>/api/admin</c>).
/// </summary>
internal static class IntegrationAdminEndpoints
{
    public static RouteGroupBuilder MapIntegrationAdmin(this RouteGroupBuilder admin)
    {
        var integrations = admin.MapGroup("/integrations").WithTags("Integrations");
        integrations.MapGet("/", ListAsync)
            .WithSummary("Every integration (paired phone), with its status and queued events.")
            .Produces<IReadOnlyList<IntegrationView>>();
        integrations.MapGet("/{id}", GetAsync)
            .WithSummary("One integration.")
            .Produces<IntegrationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        integrations.MapPatch("/{id}", PatchAsync)
            .WithSummary("Rename an integration, change its settings (bot name, model, effort, tools shown, session timeout), or choose who answers its phone (agent: own or builtin).")
            .AcceptsJson<IntegrationPatch>()
            .Produces<IntegrationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        integrations.MapPost("/{id}/pause", PauseAsync)
            .WithSummary("Pause an integration: its events are kept, not delivered.")
            .Produces<IntegrationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        integrations.MapPost("/{id}/resume", ResumeAsync)
            .WithSummary("Resume an integration; the optional body chooses whether the events queued while paused are dropped.")
            .AcceptsJson<ResumeRequest>(isOptional: true)
            .Produces<ResumeResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        integrations.MapDelete("/{id}", DeleteAsync)
            .WithSummary("Delete an integration: its token and API keys stop working; purgeHistory=true also deletes its conversations.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        integrations.MapApiKeyAdmin();
        return admin;
    }

    private static async Task<IResult> ListAsync(IntegrationViews views, CancellationToken cancellationToken) =>
        TypedResults.Json(await views.ListAsync(cancellationToken), IntegrationAdminJsonContext.Wire.IReadOnlyListIntegrationView);

    private static async Task<IResult> GetAsync(string id, IntegrationViews views, CancellationToken cancellationToken)
    {
        var view = await views.FindAsync(id, cancellationToken);
        return view is null ? NotFound(id) : TypedResults.Json(view, IntegrationAdminJsonContext.Wire.IntegrationView);
    }

    private static async Task<IResult> PatchAsync(
        string id, HttpRequest request, IntegrationStore store, IntegrationViews views, IOptions<BuiltInAgentAccessOptions> builtIn, CancellationToken cancellationToken)
    {
        var (patch, problem) = await JsonBody.ReadAsync(request, IntegrationAdminJsonContext.Wire.IntegrationPatch, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = Validate(patch!);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (await store.FindAsync(id, cancellationToken) is null)
        {
            return NotFound(id);
        }

        if (patch!.Agent == IntegrationAgents.BuiltIn && !builtIn.Value.Enabled)
        {
            return TypedResults.Problem(
                detail: "The built-in agent is switched off (Tapback:Agent:Enabled is false), so it cannot answer this phone. Turn it on, or keep \"agent\": \"own\".",
                statusCode: StatusCodes.Status409Conflict,
                title: "The built-in agent is off.");
        }

        if (patch.Name is not null)
        {
            await store.RenameAsync(id, patch.Name.Trim(), cancellationToken);
        }

        if (patch.Settings is not null)
        {
            await store.UpdateSettingsAsync(id, IntegrationSettingsRules.Normalised(patch.Settings), cancellationToken);
        }

        if (patch.Agent is not null)
        {
            await store.SetAgentAsync(id, patch.Agent, cancellationToken);
        }

        return await GetAsync(id, views, cancellationToken);
    }

    private static async Task<IResult> PauseAsync(string id, IntegrationStore store, IntegrationViews views, CancellationToken cancellationToken) =>
        await store.PauseAsync(id, cancellationToken) ? await GetAsync(id, views, cancellationToken) : NotFound(id);

    private static async Task<IResult> ResumeAsync(
        string id, HttpRequest request, IntegrationStore store, IntegrationViews views, IOptions<IntegrationOptions> options, CancellationToken cancellationToken)
    {
        var discard = options.Value.DiscardQueuedOnResume;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var (body, problem) = await JsonBody.ReadAsync(request, IntegrationAdminJsonContext.Wire.ResumeRequest, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            discard = body!.DiscardQueued ?? discard;
        }

        var discarded = await store.ResumeAsync(id, discard, cancellationToken);
        var view = await views.FindAsync(id, cancellationToken);
        return discarded is null || view is null
            ? NotFound(id)
            : TypedResults.Json(new ResumeResult(view, discarded.Value), IntegrationAdminJsonContext.Wire.ResumeResult);
    }

    private static async Task<IResult> DeleteAsync(string id, bool? purgeHistory, IntegrationStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(id, purgeHistory ?? false, cancellationToken) ? TypedResults.NoContent() : NotFound(id);

    private static Dictionary<string, string[]> Validate(IntegrationPatch patch)
    {
        var errors = new Dictionary<string, string[]>();
        if (patch.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Length > 100))
        {
            errors["name"] = ["A name is 1 to 100 characters."];
        }

        IntegrationSettingsRules.Validate(patch.Settings, errors);
        if (patch.Agent is { } agent && !IntegrationAgents.IsKnown(agent))
        {
            errors["agent"] = [IntegrationAgents.Unknown(agent)];
        }

        if (patch.Name is null && patch.Settings is null && patch.Agent is null)
        {
            errors["name"] = ["Send a name, settings, an agent, or any of them."];
        }

        return errors;
    }

    private static IResult NotFound(string id) => IntegrationProblems.NotFound(id);
}
