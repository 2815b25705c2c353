using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tapback.Gateway.Transports;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;
using Tapback.Transports.BlueBubbles;

namespace Tapback.Tests.Transports.BlueBubbles;

/// <summary>A Tapback whose one transport is the BlueBubbles instance <c>bb</c>, pointed at a fake server, answering everyone.</summary>
internal static class BlueBubblesHost
{
    public const string Name = "bb";
    public const string Secret = "webhook-secret-0123456789";

    public static async Task<TapbackTestHost> StartAsync(
        FakeBlueBubblesServer fake,
        IDictionary<string, string?>? extra = null,
        string? dataDirectory = null,
        FakeTimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Tapback:Transports:{Name}:Kind"] = "BlueBubbles",
            [$"Tapback:Transports:{Name}:BaseUrl"] = fake.BaseUrl.ToString(),
            [$"Tapback:Transports:{Name}:Password"] = fake.Password,
            [$"Tapback:Transports:{Name}:WebhookSecret"] = Secret,
            ["Tapback:Agent:AllowFrom:0"] = "*",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = await TapbackTestHost.StartAsync(settings, dataDirectory, services, time);
        fake.Clock = () => host.Time.GetUtcNow().ToUnixTimeMilliseconds();
        return host;
    }

    public static long Now(this TapbackTestHost host) => host.Time.GetUtcNow().ToUnixTimeMilliseconds();

    public static BlueBubblesTransport Transport(this TapbackTestHost host) =>
        (BlueBubblesTransport)host.Services.GetRequiredService<TransportRegistry>().Get(Name);

    public static async Task<HttpResponseMessage> PostWebhookAsync(this TapbackTestHost host, JsonObject body, string? secret = Secret)
    {
        var url = secret is null ? $"/webhooks/{Name}" : $"/webhooks/{Name}?secret={Uri.EscapeDataString(secret)}";
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await host.Client.PostAsync(url, content);
    }

    public static Task<HttpResponseMessage> PostMessageAsync(this TapbackTestHost host, JsonObject data) =>
        host.PostWebhookAsync(BlueBubblesPayloads.Event("new-message", data));

    public static async Task<long> CountAsync(this TapbackTestHost host, string sql, object? parameters = null)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    /// <summary>Advances the clock until the fake has <paramref name="count"/> sends and Tapback is idle.</summary>
    public static async Task WaitForSendsAsync(this TapbackTestHost host, FakeBlueBubblesServer fake, int count = 1) =>
        await host.AdvanceUntilAsync(async () => fake.Sent.Count >= count && await host.IsIdleAsync());
}
