namespace Tapback.Gateway.Integrations.Credentials;

/// <summary>
/// Who an agent-facing call is: one live integration, and the credential that proved it. Put on the
/// request by <see cref="IntegrationCredentials"/>; read it with <see cref="Of"/>.
/// </summary>
internal sealed record IntegrationPrincipal
{
    private static readonly object Key = new();

    public required Integration Integration { get; init; }

    public required CredentialKind Kind { get; init; }

    /// <summary>The API key's id (<c>key_…</c>) when <see cref="Kind"/> is <see cref="CredentialKind.ApiKey"/>.</summary>
    public string? ApiKeyId { get; init; }

    public string IntegrationId => Integration.Id;

    /// <summary>The integration's paired phone number, in E.164.</summary>
    public string Phone => Integration.Phone;

    /// <summary>The principal <c>RequireIntegrationCredential()</c> put on this request.</summary>
    public static IntegrationPrincipal Of(HttpContext context) =>
        Find(context) ?? throw new InvalidOperationException("The endpoint ran without RequireIntegrationCredential().");

    public static IntegrationPrincipal? Find(HttpContext context) => context.Items[Key] as IntegrationPrincipal;

    internal static void Set(HttpContext context, IntegrationPrincipal principal) => context.Items[Key] = principal;
}
