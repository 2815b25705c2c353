using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Mcp;

/// <summary>
/// Tapback's <c>/mcp</c> against the official TypeScript packages: the SDK's client lists and calls
/// every tool with the credential, and the conformance runner checks the scenarios any server must pass.
/// </summary>
public sealed class McpNodeClientTests : IAsyncLifetime
{
    private const string Phone = "+15551260101";
    private readonly ConformanceEndpoint _conformance = new();
    private TapbackTestHost _host = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync(services: services => services.AddSingleton<IStartupFilter>(_conformance));
        _token = await GatewayScript.PairAsync(_host, Phone);
        _conformance.Token = _token;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TypeScriptSdkClient_ListsAndCallsEveryTool_ActionsReachThePhone()
    {
        await _host.SendAsync(Phone, "Hi from the phone");

        var (exitCode, output, errors) = await NodeTools.RunAsync(
            [NodeTools.Script("sdk-client.mjs"), McpFixture.Endpoint(_host).ToString(), _token, Phone], TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 0, $"The TypeScript client failed ({exitCode}): {output}{errors}");
        var report = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        Assert.Equal(["edit_message", "list_conversations", "lookup_handle", "mark_read", "react", "read_messages", "send_message", "set_typing", "unsend_message"], report["tools"]!.AsArray().Select(name => (string)name!));
        Assert.All(report["calls"]!.AsObject(), call => Assert.Equal("ok", (string?)call.Value));
        Assert.Contains("nothing to send", (string?)report["refusal"], StringComparison.Ordinal);
        await _host.AdvanceUntilAsync(async () =>
        {
            var events = await _host.EventsAsync(Phone);
            return events.Any(e => e.Text == "Hello from the TypeScript SDK")
                // One read receipt is the pairing's /setup; the client's mark_read is the second.
                && events.Count(e => e.Type == "read") >= 2
                && events.Any(e => e.Type == "reaction" && e.Reaction == "like");
        });
    }

    [Theory]
    [InlineData("server-initialize")]
    [InlineData("ping")]
    [InlineData("tools-list")]
    [InlineData("dns-rebinding-protection")]
    public async Task ConformanceRunner_ServerScenario_Passes(string scenario)
    {
        var results = Directory.CreateTempSubdirectory("tapback-conformance-");
        try
        {
            var url = new Uri(_host.BaseAddress, ConformanceEndpoint.Path).ToString();
            var (exitCode, output, errors) = await NodeTools.RunAsync(
                [NodeTools.ConformanceCli, "server", "--url", url, "--scenario", scenario, "--output-dir", results.FullName],
                TimeSpan.FromSeconds(40),
                results.FullName);

            Assert.True(exitCode == 0, $"Conformance scenario {scenario} failed ({exitCode}):\n{output}\n{errors}");
            Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
            Assert.DoesNotContain("FAILURE", output, StringComparison.Ordinal);
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }
}
