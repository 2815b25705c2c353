using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;

namespace Tapback.Agent.Tools.Mcp;

/// <summary>
/// The tools of the MCP servers under <c>Tapback:Agent:McpServers</c>, through the official MCP C#
/// client: each server is connected on first use and its tool list kept; a server that cannot be
/// reached is skipped and tried again after <see cref="RetryAfter"/>, so one bad server never stops a turn.
/// </summary>
internal sealed partial class McpToolSource(
    IOptions<AgentToolsOptions> options,
    ILoggerFactory loggerFactory,
    TimeProvider time,
    ILogger<McpToolSource> logger) : IAsyncDisposable
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, McpServerConnection> _servers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DateTimeOffset> _failedAt = new(StringComparer.OrdinalIgnoreCase);

    public bool HasServers => options.Value.McpServers.Count > 0;

    /// <summary>Every reachable server's tools, by server name.</summary>
    public async Task<IReadOnlyList<(string Server, McpClientTool Tool)>> GetToolsAsync(CancellationToken cancellationToken = default)
    {
        if (!HasServers)
        {
            return [];
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            foreach (var (name, server) in options.Value.McpServers)
            {
                if (_servers.ContainsKey(name) || (_failedAt.TryGetValue(name, out var failed) && time.GetUtcNow() - failed < RetryAfter))
                {
                    continue;
                }

                try
                {
                    _servers[name] = await ConnectAsync(name, server, cancellationToken);
                    _failedAt.Remove(name);
                    LogConnected(logger, name, _servers[name].Tools.Count);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    _failedAt[name] = time.GetUtcNow();
                    LogConnectFailed(logger, name, exception);
                }
            }

            return [.. _servers.SelectMany(server => server.Value.Tools.Select(tool => (server.Key, tool)))];
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers.Values)
        {
            await server.Client.DisposeAsync();
        }

        _servers.Clear();
        _lock.Dispose();
    }

    private async Task<McpServerConnection> ConnectAsync(string name, McpServerOptions server, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        IClientTransport transport = server.Url is { } url
            ? new HttpClientTransport(
                new HttpClientTransportOptions
                {
                    Name = name,
                    Endpoint = url,
                    AdditionalHeaders = new Dictionary<string, string>(server.Headers, StringComparer.OrdinalIgnoreCase),
                },
                loggerFactory)
            : new StdioClientTransport(
                new StdioClientTransportOptions
                {
                    Name = name,
                    Command = server.Command!,
                    Arguments = [.. server.Args],
                    EnvironmentVariables = server.Env.ToDictionary(pair => pair.Key, pair => (string?)pair.Value, StringComparer.Ordinal),
                },
                loggerFactory);
        var client = await McpClient.CreateAsync(transport, new McpClientOptions(), loggerFactory, timeout.Token);
        try
        {
            var tools = await client.ListToolsAsync(cancellationToken: timeout.Token);
            return new McpServerConnection(client, [.. tools]);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to MCP server {Server}: {ToolCount} tool(s).")]
    private static partial void LogConnected(ILogger logger, string server, int toolCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach MCP server {Server}; its tools are left out and it is tried again in a minute. Check its entry under Tapback:Agent:McpServers.")]
    private static partial void LogConnectFailed(ILogger logger, string server, Exception exception);
}
