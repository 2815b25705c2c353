using Microsoft.Extensions.Options;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Http;
using Tapback.Gateway.Integrations.Credentials;

namespace Tapback.Gateway.Integrations;

/// <summary>
/// Integration management for operators and the dashboard. Mapped on a group the host protects with
/// the admin credential (<c>/api/admin</c>).
/// </summary>
internal static class IntegrationAdminEndpoints
{
    private static readonly string[] Efforts = ["low", "medium", "high"];

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
            .WithSummary("Rename an integration or change its settings (bot name, model, effort, tools shown, session timeout).")
            .AcceptsJson<IntegrationPatch>()
            .Produces<IntegrationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        integrations.MapPost("/{id}/pause", PauseAsync)
            .WithSummary("Pause an integration: its events are kept, not delivered.")
            .Produces<IntegrationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        integrations.MapPost("/{id}/resume", ResumeAsync)
            .WithSummary("Resume an integration; the optional body chooses whether the events queued while paused are dropped.")
            .AcceptsJson<ResumeRequest>(isOptional: true)
            .Produces<ResumeResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        integrations.MapDelete("/{id}", DeleteAsync)
            .WithSummary("Delete an integration: its token and API keys stop working; purgeHistory=true also deletes its conversations.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        integrations.MapApiKeyAdmin();
        return admin;
    }

    private static async Task<IResult> ListAsync(IntegrationStore store, IntegrationConnections connections, LinkQueue queue, CancellationToken cancellationToken)
    {
        var all = await store.ListAsync(cancellationToken);
        var queued = await queue.PendingPerIntegrationAsync(cancellationToken);
        IReadOnlyList<IntegrationView> views = [.. all.Select(integration => View(integration, connections, queued))];
        return TypedResults.Json(views, IntegrationAdminJsonContext.Wire.IReadOnlyListIntegrationView);
    }

    private static async Task<IResult> GetAsync(string id, IntegrationStore store, IntegrationConnections connections, LinkQueue queue, CancellationToken cancellationToken)
    {
        var view = await FindViewAsync(id, store, connections, queue, cancellationToken);
        return view is null ? NotFound(id) : TypedResults.Json(view, IntegrationAdminJsonContext.Wire.IntegrationView);
    }

    private static async Task<IResult> PatchAsync(string id, HttpRequest request, IntegrationStore store, IntegrationConnections connections, LinkQueue queue, CancellationToken cancellationToken)
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

        if (patch!.Name is not null)
        {
            await store.RenameAsync(id, patch.Name.Trim(), cancellationToken);
        }

        if (patch.Settings is not null)
        {
            await store.UpdateSettingsAsync(id, patch.Settings with { Effort = patch.Settings.Effort?.ToLowerInvariant() }, cancellationToken);
        }

        return await GetAsync(id, store, connections, queue, cancellationToken);
    }

    private static async Task<IResult> PauseAsync(string id, IntegrationStore store, IntegrationConnections connections, LinkQueue queue, CancellationToken cancellationToken) =>
        await store.PauseAsync(id, cancellationToken) ? await GetAsync(id, store, connections, queue, cancellationToken) : NotFound(id);

    private static async Task<IResult> ResumeAsync(
        string id, HttpRequest request, IntegrationStore store, IntegrationConnections connections, LinkQueue queue, IOptions<IntegrationOptions> options, CancellationToken cancellationToken)
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
        var view = await FindViewAsync(id, store, connections, queue, cancellationToken);
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

        if (patch.Settings?.Effort is { } effort && !Efforts.Contains(effort, StringComparer.OrdinalIgnoreCase))
        {
            errors["settings.effort"] = [$"'{effort}' is not an effort; use low, medium or high."];
        }

        if (patch.Settings?.SessionTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            errors["settings.sessionTimeout"] = ["A session timeout is positive, e.g. \"00:30:00\"."];
        }

        if (patch.Settings?.BotName is { Length: > 100 })
        {
            errors["settings.botName"] = ["A bot name is at most 100 characters."];
        }

        if (patch.Name is null && patch.Settings is null)
        {
            errors["name"] = ["Send a name, settings, or both."];
        }

        return errors;
    }

    private static async Task<IntegrationView?> FindViewAsync(string id, IntegrationStore store, IntegrationConnections connections, LinkQueue queue, CancellationToken cancellationToken)
    {
        var integration = await store.FindAsync(id, cancellationToken);
        return integration is null ? null : View(integration, connections, await queue.PendingPerIntegrationAsync(cancellationToken));
    }

    private static IntegrationView View(Integration integration, IntegrationConnections connections, IReadOnlyDictionary<string, long> queued) => new()
    {
        Id = integration.Id,
        Phone = integration.Phone,
        Name = integration.Name,
        Transport = integration.Transport,
        Status = integration.IsPaused ? "paused" : connections.IsConnected(integration.Id) ? "connected" : "disconnected",
        QueuedEvents = queued.GetValueOrDefault(integration.Id),
        DroppedEvents = integration.DroppedEvents,
        LastDroppedAt = integration.LastDroppedAt,
        CreatedAt = integration.CreatedAt,
        Settings = integration.Settings,
    };

    private static IResult NotFound(string id) => IntegrationProblems.NotFound(id);
}
