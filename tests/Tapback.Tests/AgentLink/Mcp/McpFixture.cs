using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Mcp;

/// <summary>What an MCP host holds: the official C# client on Tapback's <c>/mcp</c>, with a credential.</summary>
internal static class McpFixture
{
    public static Uri Endpoint(TapbackTestHost host) => new(host.BaseAddress, "/mcp");

    public static Task<McpClient> ConnectAsync(TapbackTestHost host, string token) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = Endpoint(host),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }));

    public static async Task<CallToolResult> CallAsync(McpClient client, string tool, object? arguments = null)
    {
        var args = arguments is null
            ? new Dictionary<string, object?>()
            : arguments.GetType().GetProperties().ToDictionary(property => property.Name, property => property.GetValue(arguments));
        return await client.CallToolAsync(tool, args);
    }

    /// <summary>The tool's JSON result; fails the test when the call was a tool error.</summary>
    public static async Task<JsonNode> CallOkAsync(McpClient client, string tool, object? arguments = null)
    {
        var result = await CallAsync(client, tool, arguments);
        Assert.False(result.IsError == true, $"{tool} failed: {Text(result)}");
        return JsonNode.Parse(Text(result))!;
    }

    /// <summary>One JSON-RPC message POSTed to <c>/mcp</c> as a bare HTTP client would, with <paramref name="token"/> when given.</summary>
    public static async Task<HttpResponseMessage> PostAsync(TapbackTestHost host, string? token, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(host)) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await host.Client.SendAsync(request);
    }

    /// <summary>A <c>tools/call</c> message; <paramref name="arguments"/> is a JSON object.</summary>
    public static string ToolCall(string tool, string arguments) =>
        $$"""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"{{tool}}","arguments":""" + arguments + "}}";

    public static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text));
}
