using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Messaging;
using Tapback.Tests.Infrastructure;
using Tapback.Transports.Sendblue;

namespace Tapback.Tests.Transports.Sendblue;

/// <summary>A Tapback with one Sendblue instance named <c>sendblue</c> with two lines, pointed at a <see cref="FakeSendblueServer"/>.</summary>
internal static class SendblueTestKit
{
    public const string Instance = "sendblue";
    public const string Secret = "sb-webhook-secret";
    public const string LineOne = "+15122164639";
    public const string LineTwo = "+15122160000";
    public const string Alice = "+19998887777";

    public static async Task<TapbackTestHost> StartAsync(FakeSendblueServer sendblue, IDictionary<string, string?>? extra = null, string? dataDirectory = null, Microsoft.Extensions.Time.Testing.FakeTimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Tapback:Transports:{Instance}:Kind"] = "Sendblue",
            [$"Tapback:Transports:{Instance}:BaseUrl"] = sendblue.Address.ToString(),
            [$"Tapback:Transports:{Instance}:ApiKey"] = FakeSendblueServer.ApiKey,
            [$"Tapback:Transports:{Instance}:ApiSecret"] = FakeSendblueServer.ApiSecret,
            [$"Tapback:Transports:{Instance}:WebhookSecret"] = Secret,
            [$"Tapback:Transports:{Instance}:Numbers:0"] = LineOne,
            [$"Tapback:Transports:{Instance}:Numbers:1"] = LineTwo,
            [$"Tapback:Transports:{Instance}:AllowPrivateAttachmentUrls"] = "true",
            ["Tapback:Agent:AllowFrom:0"] = "*",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = await TapbackTestHost.StartAsync(settings, dataDirectory, time: time);
        sendblue.Now = host.Time.GetUtcNow;
        return host;
    }

    public static SendblueTransport Transport(TapbackTestHost host) =>
        (SendblueTransport)host.Services.GetServices<IMessageTransport>().Single(transport => transport.Name == Instance);

    public static async Task<HttpResponseMessage> PostAsync(TapbackTestHost host, string body, string? secret = Secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{Instance}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation("sb-signing-secret", secret);
        }

        return await host.Client.SendAsync(request);
    }

    public static string Received(TapbackTestHost host, string handle, string content, string from = Alice, string line = LineOne, object? extra = null)
    {
        var now = host.Time.GetUtcNow();
        var fields = new Dictionary<string, object?>
        {
            ["accountEmail"] = "your-account-email",
            ["content"] = content,
            ["is_outbound"] = false,
            ["status"] = "RECEIVED",
            ["message_handle"] = handle,
            ["date_sent"] = now.AddMilliseconds(-200),
            ["date_updated"] = now,
            ["from_number"] = from,
            ["number"] = from,
            ["to_number"] = line,
            ["media_url"] = "",
            ["message_type"] = "message",
            ["group_id"] = "",
            ["participants"] = new[] { from, line },
            ["sendblue_number"] = line,
            ["service"] = "iMessage",
        };
        foreach (var property in JsonSerializer.SerializeToElement(extra ?? new { }).EnumerateObject())
        {
            fields[property.Name] = property.Value;
        }

        return JsonSerializer.Serialize(fields);
    }

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Sendblue", name));

    public static async Task<IReadOnlyList<FakeSendblueMessage>> WaitForSendsAsync(TapbackTestHost host, FakeSendblueServer sendblue, int count = 1)
    {
        await host.AdvanceUntilAsync(async () => sendblue.Sent.Count >= count && await host.IsIdleAsync());
        return sendblue.Sent;
    }
}
