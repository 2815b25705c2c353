using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Tapback.Hosting.Cli;

/// <summary>
/// The running Tapback's <c>/mcp</c>, seen from the stdio command: tool lists and calls are passed
/// through as they are, so the stdio server offers exactly the HTTP server's tools, schemas and errors.
/// Connects on first use and again after a failure, so the MCP host can start before Tapback does.
/// </summary>
internal sealed class McpRemote(McpStdioArguments arguments, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private McpClient? _client;

    public Uri Endpoint { get; } = new(arguments.Url, "mcp");

    public async ValueTask<ListToolsResult> ListToolsAsync(ListToolsRequestParams? request, CancellationToken cancellationToken) =>
        await CallAsync((client, token) => client.ListToolsAsync(request ?? new ListToolsRequestParams(), token), cancellationToken);

    public async ValueTask<CallToolResult> CallToolAsync(CallToolRequestParams? request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await CallAsync((client, token) => client.CallToolAsync(request, token), cancellationToken);
        }
        catch (McpException unreachable)
        {
            // A tool error the model can read beats a protocol error the host may only log.
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = unreachable.Message }] };
        }
    }

    private async Task<T> CallAsync<T>(Func<McpClient, CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        var client = await ConnectAsync(cancellationToken);
        try
        {
            return await call(client, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or ObjectDisposedException)
        {
            await ResetAsync(client);
            throw Unreachable(exception);
        }
    }

    private async Task<McpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_client is not null)
            {
                return _client;
            }

            var transport = new HttpClientTransport(
                new HttpClientTransportOptions
                {
                    Endpoint = Endpoint,
                    TransportMode = HttpTransportMode.StreamableHttp,
                    AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {arguments.Token}" },
                },
                loggers);
            try
            {
                _client = await McpClient.CreateAsync(transport, loggerFactory: loggers, cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or McpException)
            {
                throw Unreachable(exception);
            }

            return _client;
        }
        finally
        {
            _connecting.Release();
        }
    }

    private async Task ResetAsync(McpClient failed)
    {
        await _connecting.WaitAsync();
        try
        {
            if (ReferenceEquals(_client, failed))
            {
                _client = null;
            }
        }
        finally
        {
            _connecting.Release();
        }

        await failed.DisposeAsync();
    }

    private McpException Unreachable(Exception exception) => new(
        $"Tapback at {Endpoint} did not answer as an MCP server ({exception.Message}). Check that Tapback is running there (--url or TAPBACK_URL) " +
        "and that the token is a live integration token or API key (--token or TAPBACK_TOKEN); a 401 means the token was refused.",
        exception);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        _connecting.Dispose();
    }
}
