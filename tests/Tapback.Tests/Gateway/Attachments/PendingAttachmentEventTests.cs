using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Gateway.Inbox;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.AgentLink.Webhooks;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Attachments;

/// <summary>
/// A file that joins its message late is news to the integration that answers the sender: its socket
/// and its webhooks hear <c>message.updated</c>, the message again whole, with the file.
/// </summary>
public sealed class PendingAttachmentEventTests
{
    private const string Phone = "+15551230077";
    private static readonly string[] Events = ["message.received", "message.updated"];

    [Fact]
    public async Task LateFile_ArrivesOnTheSecondTry_SocketAndWebhookHearMessageUpdatedWithTheFile()
    {
        var source = new ScriptedPendingSource();
        await using var host = await TapbackTestHost.StartAsync(
            WebhookTestKit.Settings(),
            services: services => services.AddSingleton<IPendingAttachmentSource>(source));
        source.Store = host.Services.GetRequiredService<AttachmentStore>();
        await using var receiver = await WebhookReceiver.StartAsync();
        var token = await GatewayScript.PairAsync(host, Phone);
        using var api = RestFixture.ClientFor(host, token);
        var (created, subscription) = await RestFixture.PostAsync(api, "/v2/webhooks", new { url = receiver.Url, events = Events });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        receiver.Secret = (string)subscription!["secret"]!;
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(host.BaseAddress, Phone, token);
        await using var _ = client;

        var stored = await host.Services.GetRequiredService<Inbox>().ReceiveMessageAsync(new InboundMessage
        {
            Transport = "simulator",
            EventId = "late-1",
            ChatId = Phone,
            From = Phone,
            Text = "listen to this",
            LateFiles = [new LateFile { Key = "voice-1", Source = "voice-1", FileName = "Audio Message.caf", ContentType = "audio/x-caf", Position = 0 }],
        });
        var received = await client.ReceiveAsync("message.received");
        Assert.Single(received["data"]!["parts"]!.AsArray());
        await host.AdvanceUntilAsync(() => Task.FromResult(source.Calls == 1), TimeSpan.FromSeconds(1));
        source.Ready = true;

        await host.AdvanceUntilAsync(() => Task.FromResult(receiver.Accepted.Any(hook => (string?)hook.Json["type"] == "message.updated")), TimeSpan.FromSeconds(1));
        var updated = await client.ReceiveAsync("message.updated");

        Assert.Equal(2, source.Calls);
        Assert.Equal(stored.MessageId, (string?)updated["data"]!["messageId"]);
        var parts = updated["data"]!["parts"]!.AsArray();
        Assert.Equal(["text", "media"], parts.Select(part => (string?)part!["type"]));
        Assert.Equal("Audio Message.caf", (string?)parts[1]!["filename"]);
        var hook = receiver.Accepted.Single(hook => (string?)hook.Json["type"] == "message.updated");
        Assert.Equal(stored.MessageId, (string?)hook.Json["data"]!["message_id"]);
        Assert.Equal("Audio Message.caf", (string?)hook.Json["data"]!["attachments"]![0]!["name"]);
        Assert.Equal("listen to this", (string?)hook.Json["data"]!["body"]);
    }

    [Fact]
    public async Task LateFile_RefusedForGood_IsGivenUpAndTheMessageStays()
    {
        var source = new ScriptedPendingSource { Refuse = true };
        await using var host = await TapbackTestHost.StartAsync(services: services => services.AddSingleton<IPendingAttachmentSource>(source));

        await host.Services.GetRequiredService<Inbox>().ReceiveMessageAsync(new InboundMessage
        {
            Transport = "simulator",
            EventId = "late-2",
            ChatId = Phone,
            From = Phone,
            Text = "huge file",
            LateFiles = [new LateFile { Key = "big-1", Source = "big-1", Position = 0 }],
        });
        await host.AdvanceUntilAsync(async () => source.Calls == 1 && await PendingCountAsync(host) == 0, TimeSpan.FromSeconds(1));

        Assert.Equal(0, await PendingCountAsync(host));
        Assert.Equal(1, source.Calls);
    }

    private static async Task<long> PendingCountAsync(TapbackTestHost host)
    {
        await using var connection = await host.Services.GetRequiredService<Tapback.Storage.Database>().OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT count(*) FROM pending_attachments");
    }
}
