using Tapback.Configuration;

namespace Tapback.AgentLink.Mcp;

/// <summary>Checks <c>Tapback:Mcp</c> at start: each allowed host is a bare host name, as the Host header carries it.</summary>
internal sealed class McpOptionsValidator() : SectionValidator<McpOptions>(McpOptions.SectionName)
{
    protected override void Check(McpOptions options, SectionFailures failures)
    {
        for (var i = 0; i < options.AllowedHosts.Count; i++)
        {
            var host = options.AllowedHosts[i];
            failures.Require(
                host == "*" || (!string.IsNullOrWhiteSpace(host) && Uri.CheckHostName(host) != UriHostNameType.Unknown),
                $"AllowedHosts:{i}",
                "must be a host name such as tapback.example.com (no scheme, port or path), or '*'.");
        }
    }
}
