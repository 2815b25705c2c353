namespace Tapback.Gateway.Nodes;

/// <summary>This process as one node of the store: <c>Tapback:Node</c>.</summary>
internal sealed class NodeOptions
{
    public const string SectionName = "Tapback:Node";

    /// <summary>
    /// The node's durable name. Unset, it is the machine's name plus an id kept in the data directory
    /// (one per process running on that directory at once), so a restarted node finds its own old
    /// leases. Set it only to a name no other running node uses.
    /// </summary>
    public string? Id { get; set; }

    /// <summary>How often the node records that it is alive and looks for dead ones.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A node silent this long is taken for dead: its leases are freed for the others.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(1);
}
