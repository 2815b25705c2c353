using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Routing;

/// <summary>Who answers whom: a paired phone's integration, the built-in agent's allow list, or no one.</summary>
public sealed class RoutingTests
{
    private const string Allowed = "+15551230005";
    private const string Stranger = "+15551230006";

    [Fact]
    public async Task Message_FromAStranger_ReachesNoAgentAndGetsNoNoticeByDefault()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Agent:AllowFrom:0"] = Allowed });

        await host.SendAsync(Stranger, "hello?");
        await host.AdvanceUntilAsync(host.IsIdleAsync);

        Assert.Equal(["message.sent"], (await host.EventsAsync(Stranger)).Select(e => e.Type));
    }

    [Fact]
    public async Task Message_FromAStranger_GetsTheConfiguredNoticeAtMostOncePerInterval()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Agent:AllowFrom:0"] = Allowed,
            ["Tapback:Gateway:StrangerNotice:Text"] = "This number isn't set up for you.",
            ["Tapback:Gateway:StrangerNotice:Interval"] = "01:00:00",
        });

        await host.SendAsync(Stranger, "hello?");
        await host.WaitForRepliesAsync(Stranger);
        await host.SendAsync(Stranger, "anyone?");
        await host.AdvanceUntilAsync(host.IsIdleAsync);
        host.Time.Advance(TimeSpan.FromHours(1));
        await host.SendAsync(Stranger, "next hour");
        await host.WaitForRepliesAsync(Stranger, count: 2);

        var notices = (await host.EventsAsync(Stranger)).Where(e => e.Type == "message.received").ToList();
        Assert.Equal(2, notices.Count);
        Assert.All(notices, notice => Assert.Equal("This number isn't set up for you.", notice.Text));
        Assert.DoesNotContain(await host.EventsAsync(Stranger), e => e.Type is "read" or "typing.started");
    }

    [Fact]
    public async Task Message_FromAnAllowedSenderWithoutAnIntegration_IsStillAnsweredByTheBuiltInAgent()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Agent:AllowFrom:0"] = Allowed });
        await GatewayScript.PairAsync(host, Stranger);

        await host.SendAsync(Allowed, "hi");

        var events = await host.WaitForRepliesAsync(Allowed);
        Assert.Contains(events, e => e.Type == "read");
    }
}
