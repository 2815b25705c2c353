namespace Tapback.Gateway.Routing;

/// <summary>Who reaches the built-in agent: <c>Tapback:Agent:Enabled</c> and <c>Tapback:Agent:AllowFrom</c>.</summary>
internal sealed class BuiltInAgentAccessOptions
{
    public const string SectionName = "Tapback:Agent";

    public bool Enabled { get; set; } = true;

    /// <summary>Normalised handles, or <c>*</c>. Empty means anyone on a simulator transport and no one elsewhere.</summary>
    public IList<string> AllowFrom { get; } = [];
}
