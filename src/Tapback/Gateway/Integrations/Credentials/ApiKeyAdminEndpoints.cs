using Tapback.Gateway.Http;

namespace Tapback.Gateway.Integrations.Credentials;

/// <summary>
/// <c>/api/admin/integrations/{id}/api-keys</c>: an operator makes, lists and revokes an integration's
/// API keys. Mapped inside the admin group, so the admin credential guards it.
/// </summary>
internal static class ApiKeyAdminEndpoints
{
    private const int MaxNameLength = 100;

    public static RouteGroupBuilder MapApiKeyAdmin(this RouteGroupBuilder integrations)
    {
        var keys = integrations.MapGroup("/{id}/api-keys").WithTags("API keys");
        keys.MapPost("/", CreateAsync).WithSummary("Create an API key for the integration; the key is in this answer only.")
            .AcceptsJson<CreateApiKeyRequest>(isOptional: true)
            .Produces<ApiKeyView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        keys.MapGet("/", ListAsync).WithSummary("The integration's API keys: prefix, name, created and last used.")
            .Produces<IReadOnlyList<ApiKeyView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        keys.MapDelete("/{keyId}", RevokeAsync).WithSummary("Revoke an API key at once.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return integrations;
    }

    private static async Task<IResult> CreateAsync(string id, HttpRequest request, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var name = "API key";
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var (body, problem) = await JsonBody.ReadAsync(request, CredentialsJsonContext.Wire.CreateApiKeyRequest, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            if (body!.Name is { } given)
            {
                if (string.IsNullOrWhiteSpace(given) || given.Trim().Length > MaxNameLength)
                {
                    return Problems.Validation(new Dictionary<string, string[]> { ["name"] = [$"A name is 1 to {MaxNameLength} characters."] });
                }

                name = given.Trim();
            }
        }

        return await keys.CreateAsync(id, name, cancellationToken) is { } created
            ? TypedResults.Json(created, CredentialsJsonContext.Wire.ApiKeyView, statusCode: StatusCodes.Status201Created)
            : NoSuchIntegration(id);
    }

    private static async Task<IResult> ListAsync(string id, IntegrationStore integrations, ApiKeyStore keys, CancellationToken cancellationToken) =>
        await integrations.FindAsync(id, cancellationToken) is null
            ? NoSuchIntegration(id)
            : TypedResults.Json(await keys.ListAsync(id, cancellationToken), CredentialsJsonContext.Wire.IReadOnlyListApiKeyView);

    private static async Task<IResult> RevokeAsync(string id, string keyId, ApiKeyStore keys, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(id, keyId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Integration '{id}' has no API key '{keyId}'; GET /api/admin/integrations/{id}/api-keys lists them.");

    private static IResult NoSuchIntegration(string id) => IntegrationProblems.NotFound(id);
}
