using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tapback.Tests.AgentLink.Mcp;

namespace Tapback.Tests.AgentLink.Webhooks;

/// <summary>
/// JSON as people copy it: a webhook secret taken out of a raw response body, the way a developer
/// copies it from curl output, verifies deliveries with the official Standard Webhooks library; phone
/// numbers read <c>+1…</c> in raw bodies. A secret with its <c>+</c> written <c>\u002B</c> failed
/// every delivery for one user.
/// </summary>
public sealed partial class CopiedSecretTests
{
    private static readonly string[] MessageReceivedOnly = ["message.received"];

    [Fact]
    public async Task SecretCopiedFromTheRawResponse_VerifiesADeliveryWithTheStandardWebhooksLibrary()
    {
        await using var kit = await WebhookTestKit.StartAsync(subscribe: false);
        var (secret, raw) = await SubscribeUntilTheSecretHasAPlusOrSlashAsync(kit);
        Assert.DoesNotContain("\\u", raw, StringComparison.Ordinal);
        kit.Receiver.Secret = secret;

        await kit.Host.SendAsync(WebhookTestKit.Phone, "héllo from +1 (555) → bot");
        await kit.AdvanceUntilAsync(() => kit.Receiver.Accepted.Count >= 1);

        var delivery = kit.Receiver.Accepted.Single();
        Assert.Contains($"\"from\":\"{WebhookTestKit.Phone}\"", delivery.Body, StringComparison.Ordinal);
        Assert.Contains("héllo from +1 (555) → bot", delivery.Body, StringComparison.Ordinal);
        var bodyFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(bodyFile, delivery.Body);
            var (exitCode, output, errors) = await NodeTools.RunAsync(
                [NodeTools.Script("verify-webhook.mjs"), secret, delivery.Id, delivery.Timestamp, delivery.Signature, bodyFile],
                TimeSpan.FromMinutes(1));
            Assert.True(exitCode == 0, $"The official library refused the delivery with the copied secret '{secret}': {output}{errors}");
        }
        finally
        {
            File.Delete(bodyFile);
        }
    }

    [Fact]
    public async Task RawBodies_WritePhoneNumbersAndSlashesAsThemselves()
    {
        await using var kit = await WebhookTestKit.StartAsync(subscribe: false);
        await kit.Host.SendAsync(WebhookTestKit.Phone, "a/b + c");

        var raw = await kit.Api.GetStringAsync("/v2/conversations");

        Assert.Contains($"\"{WebhookTestKit.Phone}\"", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", raw, StringComparison.Ordinal);
    }

    /// <summary>A secret is 32 random bytes in base64; most hold a '+' or '/', the characters that were escaped.</summary>
    private static async Task<(string Secret, string Raw)> SubscribeUntilTheSecretHasAPlusOrSlashAsync(WebhookTestKit kit)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            using var response = await kit.Api.PostAsJsonAsync("/v2/webhooks", new { url = kit.Receiver.Url, events = MessageReceivedOnly });
            response.EnsureSuccessStatusCode();
            var raw = await response.Content.ReadAsStringAsync();
            var secret = SecretInRawJson().Match(raw).Groups[1].Value;
            var id = (string)JsonNode.Parse(raw)!["id"]!;
            if (secret.AsSpan("whsec_".Length).IndexOfAny('+', '/') >= 0)
            {
                return (secret, raw);
            }

            (await kit.Api.DeleteAsync($"/v2/webhooks/{id}")).EnsureSuccessStatusCode();
        }

        throw new InvalidOperationException("40 secrets in a row without '+' or '/': the secret is not random base64.");
    }

    [GeneratedRegex("\"secret\"\\s*:\\s*\"([^\"]*)\"")]
    private static partial Regex SecretInRawJson();
}
