using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Outbox.Pacing;
using Tapback.Gateway.Routing;
using Tapback.Gateway.Transports;
using Tapback.Gateway.Watchdog;
using Tapback.Messaging;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Routing;

/// <summary>
/// Transport policy comes from what a transport declares, not from its kind: these transports are of
/// kind "Recording", which no rule names.
/// </summary>
public sealed class CapabilityPolicyTests
{
    private const string Sender = "+15551230007";

    [Fact]
    public void RouteToBuiltIn_TransportAnsweredByDefaultAndNoAllowList_IsTheBuiltInAgent() =>
        Assert.Equal(AgentLinks.BuiltIn, RouterOver(new() { BuiltInAgentAnswersByDefault = true }).RouteToBuiltIn("test", Sender));

    [Fact]
    public void RouteToBuiltIn_PlainTransportAndNoAllowList_IsNoOne() =>
        Assert.Null(RouterOver(new()).RouteToBuiltIn("test", Sender));

    [Fact]
    public void RouteToBuiltIn_SendersAuthorisedUpstream_IsTheBuiltInAgentWhateverTheAllowList()
    {
        var router = RouterOver(new() { SendersAuthorisedUpstream = true }, allowFrom: "+15551239999");

        Assert.Equal(AgentLinks.BuiltIn, router.RouteToBuiltIn("test", Sender));
    }

    [Fact]
    public void RouteToBuiltIn_AnsweredByDefaultButAnAllowListWithoutTheSender_IsNoOne() =>
        Assert.Null(RouterOver(new() { BuiltInAgentAnswersByDefault = true }, allowFrom: "+15551239999").RouteToBuiltIn("test", Sender));

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Pacing_WithoutSettings_FollowsPacedByDefault(bool pacedByDefault, bool unlimited)
    {
        var transport = new RecordingTransport("test") { Capabilities = new() { PacedByDefault = pacedByDefault } };

        var limits = new PacingPolicy(new ConfigurationBuilder().Build()).For(transport);

        Assert.Equal(unlimited, limits.IsUnlimited);
    }

    private static MessageRouter RouterOver(TransportCapabilities capabilities, string? allowFrom = null)
    {
        var options = new BuiltInAgentAccessOptions();
        if (allowFrom is not null)
        {
            options.AllowFrom.Add(allowFrom);
        }

        var transport = new RecordingTransport("test") { Capabilities = capabilities };
        // No watchdog settings: no canary handle, so the router's canary rule never applies here.
        var watchdog = new OptionsMonitor<WatchdogOptions>(new OptionsFactory<WatchdogOptions>([], []), [], new OptionsCache<WatchdogOptions>());
        return new MessageRouter(Options.Create(options), new TransportRegistry([transport]), new CanaryHandles(watchdog));
    }
}
