using Tapback.Configuration;

namespace Tapback.Agent.Tools;

/// <summary>Checks the agent's tool settings under <c>Tapback:Agent</c> at start, naming each MCP server at fault.</summary>
internal sealed class AgentToolsOptionsValidator() : SectionValidator<AgentToolsOptions>(AgentToolsOptions.SectionName)
{
    protected override void Check(AgentToolsOptions options, SectionFailures failures)
    {
        failures.Positive(options.ApprovalTimeout, nameof(options.ApprovalTimeout));
        failures.Require(options.MaxToolRounds is >= 1 and <= 50, nameof(options.MaxToolRounds), "must be between 1 and 50.");
        foreach (var (name, server) in options.McpServers)
        {
            failures.Require(
                (server.Url is null) != string.IsNullOrWhiteSpace(server.Command),
                $"McpServers:{name}",
                "needs either Url (an HTTP server) or Command (a stdio server), not both.");
            failures.Require(
                server.Url is null || (server.Url.IsAbsoluteUri && server.Url.Scheme is "http" or "https"),
                $"McpServers:{name}:Url",
                "must be an absolute http or https address.");
        }
    }
}
