using System.Net;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Tests.Transports.Blooio;
using Tapback.Tests.Transports.Sendblue;
using static Tapback.Tests.Transports.Hosted.HostedStore;

namespace Tapback.Tests.Transports.Hosted;

/// <summary>
/// A hosted provider's media URL that fails at first (its CDN still receiving the file) leaves the
/// message stored and answered, and the file pending; a later try fetches it and it joins the message.
/// </summary>
public sealed class PendingAttachmentTransportTests
{
    private static readonly byte[] Voice = [.. "caff"u8, 0, 1, 0, 0, 1, 2];

    [Fact]
    public async Task Blooio_AttachmentFailsFirst_MessageAnsweredAndTheFileJoinsItLater()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        blooio.Files["voice.caf"] = Voice;
        blooio.FileFailures["voice.caf"] = 1;
        await using var host = await BlooioTestKit.StartAsync(blooio);
        object[] attachments = [new { url = new Uri(blooio.Address, "files/voice.caf").ToString(), name = "Audio Message.caf" }];

        using var response = await BlooioTestKit.PostAsync(host, BlooioTestKit.Received(host, "RX-LATE", "listen", attachments: attachments));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await BlooioTestKit.WaitForSendsAsync(host, blooio);
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM pending_attachments"));
        await host.AdvanceUntilAsync(async () => await CountAsync(host, "SELECT count(*) FROM attachments") == 1, TimeSpan.FromSeconds(1));
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.body = 'listen' AND a.file_name = 'Audio Message.caf' AND a.size_bytes = 10"));
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM pending_attachments"));
        Assert.Equal(["voice.caf", "voice.caf"], blooio.FileRequests);
    }

    [Fact]
    public async Task Sendblue_MediaFailsFirst_MessageAnsweredAndTheFileJoinsItLater()
    {
        await using var sendblue = new FakeSendblueServer();
        await sendblue.StartAsync();
        sendblue.Files["photo.jpg"] = [0xFF, 0xD8, 0xFF, 1, 2];
        sendblue.FileFailures["photo.jpg"] = 2;
        await using var host = await SendblueTestKit.StartAsync(sendblue);

        using var response = await SendblueTestKit.PostAsync(host, SendblueTestKit.Received(host, "H-LATE", "look", extra: new { media_url = new Uri(sendblue.Address, "files/photo.jpg").ToString() }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await SendblueTestKit.WaitForSendsAsync(host, sendblue);
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM attachments"));
        await host.AdvanceUntilAsync(async () => await CountAsync(host, "SELECT count(*) FROM attachments") == 1, TimeSpan.FromSeconds(1));
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.body = 'look' AND a.size_bytes = 5"));
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM pending_attachments"));
        Assert.Equal(3, sendblue.FileRequests.Count);
    }

    [Fact]
    public async Task Blooio_AttachmentThatNeverArrives_IsTriedABoundedNumberOfTimesThenGivenUp()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        blooio.FileFailures["gone.jpg"] = int.MaxValue;
        // The clock jumps minutes at a time here; no download may time out on a jump before it reaches the server.
        await using var host = await BlooioTestKit.StartAsync(blooio, new Dictionary<string, string?> { ["Tapback:Attachments:DownloadTimeout"] = "1.00:00:00" });
        object[] attachments = [new Uri(blooio.Address, "files/gone.jpg").ToString()];

        using var response = await BlooioTestKit.PostAsync(host, BlooioTestKit.Received(host, "RX-GONE", "photo", attachments: attachments));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.AdvanceUntilAsync(async () => await CountAsync(host, "SELECT count(*) FROM pending_attachments") == 0, TimeSpan.FromMinutes(10));
        // The webhook's own download, then each later try.
        Assert.Equal(1 + PendingAttachmentStore.MaxTries, blooio.FileRequests.Count);
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE body = 'photo'"));
    }
}
