using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Gateway.Integrations.Credentials;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Mcp;

/// <summary>
/// <c>/mcp</c> and the credential behind each call: a revoked one ends the calls in flight and refuses
/// the next, and every credential shares the REST API's rate limit.
/// </summary>
public sealed class McpCredentialTests : IAsyncLifetime
{
    private const string Phone = "+15551260011";
    private readonly TaskCompletionSource _fileRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _releaseFile = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _files = null!;

    public async Task InitializeAsync()
    {
        // A file server that holds its answer until the test ends: a send that fetches from it stays in flight.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _files = builder.Build();
        _files.MapGet("/slow.jpg", async (HttpContext context) =>
        {
            _fileRequested.TrySetResult();
            await _releaseFile.Task.WaitAsync(context.RequestAborted);
            return Results.Bytes([1, 2, 3], "image/jpeg");
        });
        await _files.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _releaseFile.TrySetResult();
        await _files.StopAsync();
        await _files.DisposeAsync();
    }

    [Fact]
    public async Task RevokeApiKey_WhileACallIsInFlight_AbortsItAndTheNextCallIs401()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            [AdminScript.Setting.Key] = AdminScript.Setting.Value,
            ["Tapback:Rest:AllowPrivateAttachmentUrls"] = "true",
        });
        using var admin = new AdminScript(host);
        await GatewayScript.PairAsync(host, Phone);
        var integrationId = await admin.IntegrationIdAsync(Phone);
        var (keyId, key) = await admin.CreateKeyAsync(integrationId);
        var slow = new Uri(FilesAddress, "/slow.jpg").ToString();
        var inFlight = McpFixture.PostAsync(host, key, McpFixture.ToolCall("send_message", $$"""{"to":"{{Phone}}","text":"held","attachment_urls":["{{slow}}"]}"""));
        await _fileRequested.Task.WaitAsync(TimeSpan.FromSeconds(10));

        (await admin.RevokeKeyAsync(integrationId, keyId)).Dispose();

        // The fake clock never moves: only the revocation can end the call.
        var aborted = await Assert.ThrowsAnyAsync<Exception>(() => ReadToEndAsync(inFlight).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(aborted is HttpRequestException or IOException, $"The call ended with {aborted.GetType().Name}, not a dropped connection.");
        using var next = await McpFixture.PostAsync(host, key, McpFixture.ToolCall("list_conversations", "{}"));
        Assert.Equal(HttpStatusCode.Unauthorized, next.StatusCode);
        Assert.DoesNotContain(await host.EventsAsync(Phone), e => e.Text == "held");
    }

    [Fact]
    public async Task RevokeApiKey_AfterAClientConnected_NextCallIs401()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>([AdminScript.Setting]));
        using var admin = new AdminScript(host);
        await GatewayScript.PairAsync(host, Phone);
        var integrationId = await admin.IntegrationIdAsync(Phone);
        var (keyId, key) = await admin.CreateKeyAsync(integrationId);
        await using var client = await McpFixture.ConnectAsync(host, key);
        await McpFixture.CallOkAsync(client, "list_conversations");

        (await admin.RevokeKeyAsync(integrationId, keyId)).Dispose();

        await Assert.ThrowsAnyAsync<Exception>(() => McpFixture.CallAsync(client, "list_conversations"));
        using var next = await McpFixture.PostAsync(host, key, McpFixture.ToolCall("list_conversations", "{}"));
        Assert.Equal(HttpStatusCode.Unauthorized, next.StatusCode);
        Assert.Equal("Bearer", next.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Calls_OverTheRestPermitLimit_Are429WithRetryAfter()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Rest:PermitLimit"] = "2",
            ["Tapback:Rest:Window"] = "00:10:00",
        });
        var token = await GatewayScript.PairAsync(host, Phone);

        (await McpFixture.PostAsync(host, token, McpFixture.ToolCall("list_conversations", "{}"))).Dispose();
        (await McpFixture.PostAsync(host, token, McpFixture.ToolCall("list_conversations", "{}"))).Dispose();
        using var refused = await McpFixture.PostAsync(host, token, McpFixture.ToolCall("list_conversations", "{}"));
        host.Time.Advance(TimeSpan.FromMinutes(10));
        using var allowed = await McpFixture.PostAsync(host, token, McpFixture.ToolCall("list_conversations", "{}"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(10), refused.Headers.RetryAfter!.Delta);
        Assert.Contains("Tapback:Rest:PermitLimit", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Calls_ShareOneBudgetWithRest()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Rest:PermitLimit"] = "2",
            ["Tapback:Rest:Window"] = "00:10:00",
        });
        var token = await GatewayScript.PairAsync(host, Phone);
        using var rest = RestFixture.ClientFor(host, token);

        await RestFixture.GetAsync(rest, "/v2/conversations");
        await RestFixture.GetAsync(rest, "/v2/webhooks");
        using var refused = await McpFixture.PostAsync(host, token, McpFixture.ToolCall("list_conversations", "{}"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    private Uri FilesAddress => new(_files.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static async Task ReadToEndAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        await response.Content.ReadAsStringAsync();
    }
}
