using ModelContextProtocol.Protocol;

namespace Tapback.Hosting.Cli;

/// <summary>
/// <c>tapback mcp --stdio</c>: an MCP server on stdin/stdout that forwards to a running Tapback's
/// <c>/mcp</c>, for MCP hosts that start their servers as commands. Standard output carries only
/// protocol messages; logs go to standard error.
/// </summary>
internal static class McpStdioCommand
{
    public static bool Matches(string[] args) => args is ["mcp", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var (arguments, error) = McpStdioArguments.Parse(args, Environment.GetEnvironmentVariable);
        if (arguments is null)
        {
            await Console.Error.WriteLineAsync($"{error}\n\n{McpStdioArguments.Usage}");
            return 2;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(arguments);
        builder.Services.AddSingleton<McpRemote>();
        builder.Services
            .AddMcpServer(server =>
            {
                server.ServerInfo = new Implementation { Name = "tapback", Title = "Tapback (iMessage)", Version = ProductVersion.Release };
                server.ServerInstructions = $"Tapback's iMessage tools, served from {arguments.Url}.";
            })
            .WithStdioServerTransport()
            .WithListToolsHandler((request, cancellationToken) => Remote(request.Services).ListToolsAsync(request.Params, cancellationToken))
            .WithCallToolHandler((request, cancellationToken) => Remote(request.Services).CallToolAsync(request.Params, cancellationToken));
        using var host = builder.Build();
        await host.RunAsync();
        return 0;
    }

    private static McpRemote Remote(IServiceProvider? services) =>
        (services ?? throw new InvalidOperationException("The MCP request carried no services.")).GetRequiredService<McpRemote>();
}
