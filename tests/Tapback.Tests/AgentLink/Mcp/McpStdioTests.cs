using ModelContextProtocol;
using ModelContextProtocol.Client;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Mcp;

/// <summary>
/// <c>tapback mcp --stdio</c> as an MCP host starts it: the official C# client spawns the built
/// command, which forwards to a running Tapback's <c>/mcp</c>.
/// </summary>
public sealed class McpStdioTests : IAsyncLifetime
{
    private const string Phone = "+15551260301";
    private TapbackTestHost _host = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync();
        _token = await GatewayScript.PairAsync(_host, Phone);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Stdio_WithTokenFromEnvironment_ListsToolsAndSendsToThePhone()
    {
        await using var client = await SpawnAsync(["--url", _host.BaseAddress.ToString()], new() { ["TAPBACK_TOKEN"] = _token });

        var tools = await client.ListToolsAsync();
        var sent = await McpFixture.CallOkAsync(client, "send_message", new { to = Phone, text = "Hello over stdio" });
        var refused = await McpFixture.CallAsync(client, "send_message", new { to = Phone });

        Assert.Equal(9, tools.Count);
        Assert.True(tools.Single(tool => tool.Name == "read_messages").ProtocolTool.Annotations!.ReadOnlyHint);
        Assert.True(refused.IsError);
        Assert.Contains("nothing to send", McpFixture.Text(refused), StringComparison.Ordinal);
        await _host.AdvanceUntilAsync(async () => (await _host.EventsAsync(Phone)).Any(e => e.Text == "Hello over stdio" && e.MessageId == (string?)sent["message_id"]));
    }

    [Fact]
    public async Task Stdio_WithWrongToken_ToolCallIsErrorNamingTheToken()
    {
        await using var client = await SpawnAsync(["--url", _host.BaseAddress.ToString(), "--token", "tbk_wrong"], []);

        var result = await McpFixture.CallAsync(client, "list_conversations");

        Assert.True(result.IsError);
        Assert.Contains("token", McpFixture.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stdio_WithoutToken_ExitsWithUsage()
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var client = await SpawnAsync(["--url", _host.BaseAddress.ToString()], new() { ["TAPBACK_TOKEN"] = string.Empty });
        });

        Assert.IsNotType<TimeoutException>(exception);
    }

    private static Task<McpClient> SpawnAsync(IEnumerable<string> arguments, Dictionary<string, string?> environment) =>
        McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "tapback-stdio",
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "Tapback.dll"), "mcp", "--stdio", .. arguments],
            EnvironmentVariables = environment,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        }));
}
