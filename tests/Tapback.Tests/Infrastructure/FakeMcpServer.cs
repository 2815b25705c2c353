using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// A real MCP server (the official SDK's Streamable HTTP transport) on a random loopback port, serving
/// <see cref="FakeNotesTools"/>: one read-only tool and one annotated destructive.
/// </summary>
internal sealed class FakeMcpServer : IAsyncDisposable
{
    private WebApplication? _app;

    public FakeNotesTools Notes { get; } = new();

    /// <summary>The endpoint to configure as <c>Tapback:Agent:McpServers:&lt;name&gt;:Url</c>.</summary>
    public Uri Url { get; private set; } = null!;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMcpServer().WithHttpTransport().WithTools(Notes);
        var app = builder.Build();
        app.MapMcp("/mcp");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Url = new Uri(new Uri(address), "mcp");
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
