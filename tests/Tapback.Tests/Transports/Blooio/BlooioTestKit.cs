using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Messaging;
using Tapback.Tests.Infrastructure;
using Tapback.Transports.Blooio;

namespace Tapback.Tests.Transports.Blooio;

/// <summary>A Tapback with one Blooio instance named <c>blooio</c> pointed at a <see cref="FakeBlooioServer"/>.</summary>
internal static class BlooioTestKit
{
    public const string Instance = "blooio";
    public const string Secret = "whsec_test_secret";
    public const string OurNumber = "+15550009999";
    public const string Alice = "+15551234567";

    public static async Task<TapbackTestHost> StartAsync(FakeBlooioServer blooio, IDictionary<string, string?>? extra = null, string? dataDirectory = null, Microsoft.Extensions.Time.Testing.FakeTimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Tapback:Transports:{Instance}:Kind"] = "Blooio",
            [$"Tapback:Transports:{Instance}:BaseUrl"] = blooio.BaseUrl.ToString(),
            [$"Tapback:Transports:{Instance}:ApiKey"] = FakeBlooioServer.ApiKey,
            [$"Tapback:Transports:{Instance}:WebhookSecret"] = Secret,
            [$"Tapback:Transports:{Instance}:Numbers:0"] = OurNumber,
            [$"Tapback:Transports:{Instance}:AllowPrivateAttachmentUrls"] = "true",
            ["Tapback:Agent:AllowFrom:0"] = "*",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = await TapbackTestHost.StartAsync(settings, dataDirectory, time: time);
        blooio.Now = host.Time.GetUtcNow;
        return host;
    }

    public static BlooioTransport Transport(TapbackTestHost host) =>
        (BlooioTransport)host.Services.GetServices<IMessageTransport>().Single(transport => transport.Name == Instance);

    /// <summary>POSTs a webhook body signed as Blooio signs, at the host's current time unless told.</summary>
    public static async Task<HttpResponseMessage> PostAsync(TapbackTestHost host, string body, DateTimeOffset? signedAt = null, string secret = Secret)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var t = (signedAt ?? host.Time.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(BlooioSignature.Compute(secret, t, bytes));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{Instance}") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Blooio-Signature", $"t={t},v1={signature}");
        request.Headers.TryAddWithoutValidation("X-Blooio-Event", "message.received");
        return await host.Client.SendAsync(request);
    }

    public static string Received(TapbackTestHost host, string messageId, string text, string from = Alice, object? extra = null, object[]? attachments = null)
    {
        var now = host.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var fields = new Dictionary<string, object?>
        {
            ["event"] = "message.received",
            ["message_id"] = messageId,
            ["external_id"] = from,
            ["sender"] = from,
            ["text"] = text,
            ["attachments"] = attachments ?? [],
            ["protocol"] = "imessage",
            ["timestamp"] = now,
            ["device_id"] = "A1B2C3D4",
            ["received_at"] = now - 100,
            ["is_group"] = false,
        };
        foreach (var property in JsonSerializer.SerializeToElement(extra ?? new { }).EnumerateObject())
        {
            fields[property.Name] = property.Value;
        }

        return JsonSerializer.Serialize(fields);
    }

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Blooio", name));

    /// <summary>Waits, advancing the clock, until Blooio has at least <paramref name="count"/> of our sends and Tapback is idle.</summary>
    public static async Task<IReadOnlyList<FakeBlooioMessage>> WaitForSendsAsync(TapbackTestHost host, FakeBlooioServer blooio, int count = 1)
    {
        await host.AdvanceUntilAsync(async () => blooio.Sent.Count >= count && await host.IsIdleAsync());
        return blooio.Sent;
    }
}
