namespace Tapback.Gateway.Integrations;

/// <summary>The <c>integrations.status</c> values.</summary>
internal static class IntegrationStatuses
{
    public const string Active = "active";

    /// <summary>Inbound is stored and queued, not delivered.</summary>
    public const string Paused = "paused";

    /// <summary>Revoked (deleted or replaced by a new pairing): its token works no more.</summary>
    public const string Deleted = "deleted";
}
