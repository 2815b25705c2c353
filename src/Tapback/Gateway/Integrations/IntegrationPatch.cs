namespace Tapback.Gateway.Integrations;

/// <summary>The body of <c>PATCH /api/admin/integrations/{id}</c>: a new name, new settings (replacing the old), who answers, or any of them.</summary>
internal sealed record IntegrationPatch
{
    public string? Name { get; init; }

    public IntegrationSettings? Settings { get; init; }

    /// <summary><c>builtin</c> or <c>own</c> (<see cref="IntegrationAgents"/>).</summary>
    public string? Agent { get; init; }
}
