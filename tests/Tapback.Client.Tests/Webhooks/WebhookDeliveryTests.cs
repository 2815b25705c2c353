using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Tapback.Client.Tests.Infrastructure;
using Tapback.Tests.Infrastructure;

namespace Tapback.Client.Tests.Webhooks;

/// <summary>
/// A webhook subscribed with the REST client, delivered by a real Tapback to a loopback receiver, and
/// verified and parsed by the SDK; what is forged, stale or tampered with is refused.
/// </summary>
public sealed class WebhookDeliveryTests
{
    private const string Phone = "+15551230005";

    [Fact]
    public async Task VerifyAndParse_DeliveryFromTapback_IsGenuineAndTyped_ForgedStaleAndTamperedAreRefused()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Webhooks:AllowPrivateUrls"] = "true" });
        using var rest = new TapbackRestClient(host.BaseAddress, (await Phones.PairAsync(host, Phone)).Token);
        var webhook = await rest.CreateWebhookAsync(receiver.Url, [TapbackEventTypes.MessageReceived]);

        var sent = await host.SendAsync(Phone, "hello bot");
        await host.AdvanceUntilAsync(() => Task.FromResult(!receiver.Deliveries.IsEmpty));
        var delivery = Assert.Single(receiver.Deliveries);

        var verifier = new WebhookVerifier(webhook.Secret!, timeProvider: host.Time);
        var parsed = Assert.IsType<WebhookMessageEvent>(verifier.VerifyAndParse(delivery.Id, delivery.Timestamp, delivery.Signature, delivery.Body));
        Assert.Equal(delivery.Id, parsed.Id);
        Assert.Equal(TapbackEventTypes.MessageReceived, parsed.Type);
        Assert.Equal(sent, parsed.MessageId);
        Assert.Equal("hello bot", parsed.Body);
        Assert.Equal(Phone, parsed.From);

        var forged = new WebhookVerifier("whsec_" + Convert.ToBase64String(new byte[32]), timeProvider: host.Time);
        Assert.Throws<WebhookVerificationException>(() => forged.Verify(delivery.Id, delivery.Timestamp, delivery.Signature, delivery.Body));
        var later = new FakeTimeProvider(host.Time.GetUtcNow().AddMinutes(6));
        var stale = Assert.Throws<WebhookVerificationException>(() => new WebhookVerifier(webhook.Secret!, timeProvider: later).Verify(delivery.Id, delivery.Timestamp, delivery.Signature, delivery.Body));
        Assert.Contains("off this clock", stale.Message, StringComparison.Ordinal);
        var tampered = delivery.Body.ToArray();
        tampered[^2] ^= 0x01;
        Assert.False(verifier.IsValid(delivery.Id, delivery.Timestamp, delivery.Signature, tampered));
        Assert.False(verifier.IsValid("evt_other", delivery.Timestamp, delivery.Signature, delivery.Body));
    }

    [Fact]
    public async Task WebhookApi_CreateListRotateDeliveriesReplayDelete_RoundTrips()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Webhooks:AllowPrivateUrls"] = "true" });
        using var rest = new TapbackRestClient(host.BaseAddress, (await Phones.PairAsync(host, Phone)).Token);
        var webhook = await rest.CreateWebhookAsync(receiver.Url, [TapbackEventTypes.MessageReceived]);
        await host.SendAsync(Phone, "log me");
        await host.AdvanceUntilAsync(() => Task.FromResult(!receiver.Deliveries.IsEmpty));

        var listed = Assert.Single(await rest.ListWebhooksAsync());
        var rotated = await rest.RotateWebhookSecretAsync(webhook.Id);
        var log = await rest.ListWebhookDeliveriesAsync(webhook.Id, limit: 10);
        var replayed = await rest.ReplayWebhookDeliveryAsync(webhook.Id, Assert.Single(log.Data).Id);
        var dead = await rest.ReplayDeadWebhookDeliveriesAsync(webhook.Id);
        await rest.DeleteWebhookAsync(webhook.Id);

        Assert.Equal(webhook.Id, listed.Id);
        Assert.Null(listed.Secret);
        Assert.NotEqual(webhook.Secret, rotated.Secret);
        Assert.Equal(TapbackEventTypes.MessageReceived, log.Data[0].Type);
        Assert.Equal(1, replayed);
        Assert.Equal(0, dead);
        Assert.Empty(await rest.ListWebhooksAsync());
    }

    [Fact]
    public async Task WebhookVerifier_SecretPastedEscapedQuotedOrWrapped_StillVerifies()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Webhooks:AllowPrivateUrls"] = "true" });
        using var rest = new TapbackRestClient(host.BaseAddress, (await Phones.PairAsync(host, Phone)).Token);
        var secret = (await rest.CreateWebhookAsync(receiver.Url, [TapbackEventTypes.MessageReceived])).Secret!;
        await host.SendAsync(Phone, "hi");
        await host.AdvanceUntilAsync(() => Task.FromResult(!receiver.Deliveries.IsEmpty));
        var delivery = Assert.Single(receiver.Deliveries);

        string[] pasted =
        [
            JsonSerializer.Serialize(secret),
            Uri.EscapeDataString(secret),
            secret.Replace('+', ' ') + "\n",
            "  " + secret.Insert(20, "\r\n") + "\t",
        ];

        Assert.All(pasted, copy => new WebhookVerifier(copy, timeProvider: host.Time).Verify(delivery.Id, delivery.Timestamp, delivery.Signature, delivery.Body));
    }
}
