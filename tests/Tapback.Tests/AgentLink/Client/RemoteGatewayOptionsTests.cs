using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tapback.AgentLink.Client;
using Tapback.Gateway.Transports;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Client;

/// <summary><c>Tapback:Agent:Gateway</c>: checked at start, and absent means the all-in-one default.</summary>
public sealed class RemoteGatewayOptionsTests
{
    [Fact]
    public async Task Start_UrlWithoutPhone_FailsNamingThePhoneKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Agent:Gateway:Url"] = "http://127.0.0.1:9",
            ["Tapback:Agent:Gateway:Code"] = "123456",
        }));

        Assert.Contains("Tapback:Agent:Gateway:Phone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ShortCode_FailsNamingTheCodeKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Agent:Gateway:Url"] = "http://127.0.0.1:9",
            ["Tapback:Agent:Gateway:Phone"] = "+15551234567",
            ["Tapback:Agent:Gateway:Code"] = "12ab",
        }));

        Assert.Contains("Tapback:Agent:Gateway:Code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoUrl_KeepsTheInProcessLinkAndNoGatewayTransport()
    {
        await using var host = await TapbackTestHost.StartAsync();

        Assert.False(host.Services.GetRequiredService<TransportRegistry>().TryGet(GatewayTransport.TransportName, out _));
        Assert.Null(host.Services.GetService<RemoteGatewayClient>());
    }
}
