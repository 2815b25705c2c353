using Microsoft.Extensions.Options;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Tools;

public sealed class ToolOptionsTests
{
    [Fact]
    public async Task Start_McpServerWithUrlAndCommand_FailsNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Agent:McpServers:both:Url"] = "http://127.0.0.1:1/mcp",
            ["Tapback:Agent:McpServers:both:Command"] = "npx",
        }));

        Assert.Contains("Tapback:Agent:McpServers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ZeroApprovalTimeout_FailsNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Agent:ApprovalTimeout"] = "00:00:00",
        }));

        Assert.Contains("Tapback:Agent:ApprovalTimeout", error.Message, StringComparison.Ordinal);
    }
}
