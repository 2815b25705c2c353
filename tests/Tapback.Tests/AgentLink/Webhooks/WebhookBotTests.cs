using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using MinimalBot;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Webhooks;

/// <summary>
/// The classic minimal bot as a webhook receiver: examples/minimal-bot itself, on loopback. Tapback
/// POSTs message.received; the bot verifies the signature, marks read, types and replies over REST.
/// </summary>
public sealed class WebhookBotTests
{
    private const string Phone = "+15551260001";
    private static readonly string[] MessageReceived = ["message.received"];

    [Fact]
    public async Task WebhookBot_MessageFromThePhone_IsReadTypedAndAnswered()
    {
        await using var host = await TapbackTestHost.StartAsync(WebhookTestKit.Settings());
        var token = await GatewayScript.PairAsync(host, Phone);
        var options = Options(host, token);
        var (bot, url) = await StartBotAsync(options, host);
        try
        {
            using var api = RestFixture.ClientFor(host, token);
            var (_, created) = await RestFixture.PostAsync(api, "/v2/webhooks", new { url, events = MessageReceived });
            options.WebhookSecret = (string)created!["secret"]!;

            var messageId = await host.SendAsync(Phone, "hello bot");
            var events = await RestFixture.WaitForPhoneAsync(host, Phone, e => e.Any(x => x.Text == "You said: hello bot"));

            var ours = events.SkipWhile(e => e.MessageId != messageId).Select(e => e.Type).ToList();
            Assert.Equal(["message.sent", "read", "typing.started", "message.received"], ours);
        }
        finally
        {
            await bot.StopAsync();
            await bot.DisposeAsync();
        }
    }

    [Fact]
    public async Task WebhookBot_WithAnotherSubscriptionsSecret_RefusesAndNeverReplies()
    {
        await using var host = await TapbackTestHost.StartAsync(WebhookTestKit.Settings(maxAttempts: 1));
        var token = await GatewayScript.PairAsync(host, Phone);
        var options = Options(host, token);
        options.WebhookSecret = "whsec_" + Convert.ToBase64String(new byte[32]);
        var (bot, url) = await StartBotAsync(options, host);
        try
        {
            using var api = RestFixture.ClientFor(host, token);
            var (_, created) = await RestFixture.PostAsync(api, "/v2/webhooks", new { url, events = MessageReceived });
            await host.SendAsync(Phone, "hello bot");

            await host.AdvanceUntilAsync(async () =>
                (await RestFixture.GetAsync(api, $"/v2/webhooks/{(string)created!["id"]!}/deliveries?status=dead")).Body!["data"]!.AsArray().Count == 1);

            Assert.DoesNotContain(await host.EventsAsync(Phone), e => e.Text == "You said: hello bot");
            using var unsigned = new HttpClient();
            using var forged = await unsigned.PostAsJsonAsync(url, new { type = "message.received" });
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }
        finally
        {
            await bot.StopAsync();
            await bot.DisposeAsync();
        }
    }

    private static BotOptions Options(TapbackTestHost host, string token) => new()
    {
        TapbackUrl = host.BaseAddress,
        Token = token,
        WebhookSecret = string.Empty,
        Answer = (text, _) => Task.FromResult($"You said: {text}"),
    };

    /// <summary>The bot checks webhook timestamps against Tapback's fake clock, as a real bot's clock agrees with a real Tapback's.</summary>
    private static async Task<(WebApplication Bot, Uri Url)> StartBotAsync(BotOptions options, TapbackTestHost host)
    {
        var bot = BotApp.Build(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], options, host.Time);
        await bot.StartAsync();
        var address = bot.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (bot, new Uri(new Uri(address), "/webhook"));
    }
}
