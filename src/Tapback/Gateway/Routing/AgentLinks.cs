namespace Tapback.Gateway.Routing;

/// <summary>Names of agent links as stored in the agent queue.</summary>
internal static class AgentLinks
{
    /// <summary>The built-in agent, reached in-process.</summary>
    public const string BuiltIn = "builtin";
}
