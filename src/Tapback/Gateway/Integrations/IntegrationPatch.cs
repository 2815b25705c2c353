namespace Tapback.Gateway.Integrations;

/// <summary>The body of <c>PATCH /api/admin/integrations/{id}</c>: a new name, new settings (replacing the old), or both.</summary>
internal sealed record IntegrationPatch
{
    public string? Name { get; init; }

    public IntegrationSettings? Settings { get; init; }
}
