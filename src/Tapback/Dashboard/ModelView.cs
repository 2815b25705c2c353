namespace Tapback.Dashboard;

/// <summary>The built-in agent's model.</summary>
internal sealed record ModelView(bool Enabled, string Provider, string ModelId, string Description);
