using System.Net;
using System.Net.WebSockets;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Integrations.Credentials;

/// <summary>
/// A revoked credential ends the WebSockets it opened. No test here moves the fake clock, so the
/// socket's own polls never run: a close that arrives came from the revocation itself.
/// </summary>
public sealed class SessionRevocationTests : IAsyncLifetime, IDisposable
{
    private const string Phone = "+15551260001";
    private const string OtherPhone = "+15551260002";
    private TapbackTestHost _host = null!;
    private AdminScript _admin = null!;
    private string _token = null!;
    private string _integrationId = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>([AdminScript.Setting]));
        _admin = new AdminScript(_host);
        _token = await GatewayScript.PairAsync(_host, Phone);
        _integrationId = await _admin.IntegrationIdAsync(Phone);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _admin?.Dispose();

    [Fact]
    public async Task RevokeApiKey_WhileItsSocketIsOpen_ClosesItWith4000AndReconnectingIs401()
    {
        var (keyId, key) = await _admin.CreateKeyAsync(_integrationId);
        var (socket, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, key);
        await using var _ = socket;

        using var revoked = await _admin.RevokeKeyAsync(_integrationId, keyId);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal((WebSocketCloseStatus)4000, await socket.WaitForCloseAsync());
        Assert.Equal("the API key was revoked", socket.CloseDescription);
        await AssertRefusedAsync(key);
    }

    [Fact]
    public async Task RevokeApiKey_OfAnotherCredential_LeavesTheTokensSocketOpen()
    {
        var (keyId, _) = await _admin.CreateKeyAsync(_integrationId);
        var (socket, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = socket;

        // A second integration's key socket, revoked after the first key: the revocations are looked at
        // in order, so once this socket has closed the first revocation has been looked at too.
        await GatewayScript.PairAsync(_host, OtherPhone);
        var otherId = await _admin.IntegrationIdAsync(OtherPhone);
        var (otherKeyId, otherKey) = await _admin.CreateKeyAsync(otherId);
        var (marker, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, OtherPhone, otherKey);
        await using var __ = marker;
        (await _admin.RevokeKeyAsync(_integrationId, keyId)).Dispose();
        (await _admin.RevokeKeyAsync(otherId, otherKeyId)).Dispose();

        Assert.Equal((WebSocketCloseStatus)4000, await marker.WaitForCloseAsync());
        Assert.Equal(WebSocketState.Open, socket.State);
        await _host.SendAsync(Phone, "still there?");
        Assert.Equal("still there?", (string?)(await socket.ReceiveAsync("message.received"))["data"]!["parts"]![0]!["value"]);
    }

    [Fact]
    public async Task PairAgain_WhileAnApiKeysSocketIsOpen_ClosesItWith4000AndTheKeyIs401()
    {
        var (_, key) = await _admin.CreateKeyAsync(_integrationId);
        var (socket, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, key);
        await using var _ = socket;

        await GatewayScript.PairAsync(_host, Phone);

        Assert.Equal((WebSocketCloseStatus)4000, await socket.WaitForCloseAsync());
        await AssertRefusedAsync(key);
        await AssertRefusedAsync(_token);
    }

    [Fact]
    public async Task DeleteIntegration_WhileItsSocketIsOpen_ClosesItWith4000AndTheTokenIs401()
    {
        var (socket, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = socket;

        using var deleted = await _admin.DeleteAsync(_integrationId);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal((WebSocketCloseStatus)4000, await socket.WaitForCloseAsync());
        Assert.Equal("the integration was deleted or its phone was paired again", socket.CloseDescription);
        await AssertRefusedAsync(_token);
    }

    private async Task AssertRefusedAsync(string credential)
    {
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => ScriptedAgentClient.ConnectAsync(_host.BaseAddress, Phone, credential));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }
}
