using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Rest;

/// <summary>A bot in the shape of the classic minimal one, talking to Tapback only over the REST API.</summary>
public sealed class MinimalBotTests
{
    private const string Phone = "+15551240031";

    [Fact]
    public async Task MinimalBot_MessageFromThePhone_IsReadTypedAndAnswered()
    {
        await using var host = await TapbackTestHost.StartAsync();
        using var client = RestFixture.ClientFor(host, await GatewayScript.PairAsync(host, Phone));
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var bot = new PollingBot(client, host.Time.GetUtcNow(), body => $"You said: {body}");

        var messageId = await host.SendAsync(Phone, "hello bot");
        Assert.Equal(1, await bot.PollOnceAsync());
        Assert.Equal(0, await bot.PollOnceAsync());

        var events = await RestFixture.WaitForPhoneAsync(host, Phone, e => e.Any(x => x.Text == "You said: hello bot"));
        var ours = events.SkipWhile(e => e.MessageId != messageId).Select(e => e.Type).ToList();
        Assert.Equal(["message.sent", "read", "typing.started", "message.received"], ours);
    }
}
