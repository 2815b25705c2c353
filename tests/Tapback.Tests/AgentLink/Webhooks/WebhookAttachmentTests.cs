using System.Net;
using System.Net.Http.Json;

namespace Tapback.Tests.AgentLink.Webhooks;

public sealed class WebhookAttachmentTests
{
    [Fact]
    public async Task MessageReceived_WithAttachment_CarriesASignedUrlThatNeedsNoCredential()
    {
        await using var kit = await WebhookTestKit.StartAsync();
        byte[] content = [1, 2, 3, 4, 5];
        using var sent = await kit.Host.Client.PostAsJsonAsync("/api/simulator/messages", new
        {
            from = WebhookTestKit.Phone,
            text = "look",
            attachments = new[] { new { fileName = "note.bin", contentType = "application/octet-stream", base64 = Convert.ToBase64String(content) } },
        });
        sent.EnsureSuccessStatusCode();
        await kit.AdvanceUntilAsync(() => kit.Receiver.Accepted.Count == 1);

        var attachment = kit.Receiver.Accepted[0].Json["data"]!["attachments"]![0]!;
        Assert.Equal("note.bin", (string?)attachment["name"]);
        Assert.Equal("application/octet-stream", (string?)attachment["mime_type"]);
        Assert.Equal(5, (long?)attachment["size"]);
        var url = new Uri((string)attachment["url"]!);
        using var anonymous = new HttpClient();
        Assert.Equal(content, await anonymous.GetByteArrayAsync(url));
        using var tampered = await anonymous.GetAsync(url.ToString().Replace("sig=", "sig=x", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
    }
}
