using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;
using Tapback.Tests.Transports.Blooio;
using Tapback.Tests.Transports.BlueBubbles;
using Tapback.Tests.Transports.Sendblue;
using Tapback.Transports.Blooio;
using Xunit.Abstractions;

namespace Tapback.Tests.Security;

/// <summary>
/// Thousands of malformed and hostile requests against every inbound surface: each is answered
/// below 500, the process keeps serving, and the store holds no half-written record.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminToken = "fuzz-admin-token-0123456789abcdef";
    private const int Workers = 8;

    private readonly List<IAsyncDisposable> _fakes = [];
    private TapbackTestHost _host = null!;
    private string _token = null!;
    private string[] _realIds = [];

    public async Task InitializeAsync()
    {
        var blueBubbles = new FakeBlueBubblesServer();
        _fakes.Add(blueBubbles);
        await blueBubbles.StartAsync();
        var blooio = new FakeBlooioServer();
        _fakes.Add(blooio);
        await blooio.StartAsync();
        var sendblue = new FakeSendblueServer();
        _fakes.Add(sendblue);
        await sendblue.StartAsync();
        _host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            // The simulator, and one instance of each webhook transport on loopback fakes, so signed bodies reach each parser.
            ["Tapback:Transports:simulator:Kind"] = "Simulator",
            [$"Tapback:Transports:{InboundSurfaces.BlueBubbles}:Kind"] = "BlueBubbles",
            [$"Tapback:Transports:{InboundSurfaces.BlueBubbles}:BaseUrl"] = blueBubbles.BaseUrl.ToString(),
            [$"Tapback:Transports:{InboundSurfaces.BlueBubbles}:Password"] = blueBubbles.Password,
            [$"Tapback:Transports:{InboundSurfaces.BlueBubbles}:WebhookSecret"] = InboundSurfaces.BlueBubblesSecret,
            [$"Tapback:Transports:{InboundSurfaces.Blooio}:Kind"] = "Blooio",
            [$"Tapback:Transports:{InboundSurfaces.Blooio}:BaseUrl"] = blooio.BaseUrl.ToString(),
            [$"Tapback:Transports:{InboundSurfaces.Blooio}:ApiKey"] = FakeBlooioServer.ApiKey,
            [$"Tapback:Transports:{InboundSurfaces.Blooio}:WebhookSecret"] = InboundSurfaces.BlooioSecret,
            [$"Tapback:Transports:{InboundSurfaces.Blooio}:Numbers:0"] = InboundSurfaces.BlooioNumber,
            [$"Tapback:Transports:{InboundSurfaces.Sendblue}:Kind"] = "Sendblue",
            [$"Tapback:Transports:{InboundSurfaces.Sendblue}:BaseUrl"] = sendblue.Address.ToString(),
            [$"Tapback:Transports:{InboundSurfaces.Sendblue}:ApiKey"] = FakeSendblueServer.ApiKey,
            [$"Tapback:Transports:{InboundSurfaces.Sendblue}:ApiSecret"] = FakeSendblueServer.ApiSecret,
            [$"Tapback:Transports:{InboundSurfaces.Sendblue}:WebhookSecret"] = InboundSurfaces.SendblueSecret,
            [$"Tapback:Transports:{InboundSurfaces.Sendblue}:Numbers:0"] = InboundSurfaces.SendblueLine,
            ["Tapback:Admin:Token"] = AdminToken,
            // The limits would answer most cases 429 before their body is read; the fuzz wants the parser.
            ["Tapback:Rest:PermitLimit"] = "1000000",
            ["Tapback:Gateway:Pairing:ExchangePermitLimit"] = "1000000",
            // The subscription's URL is a closed loopback port: nothing leaves the machine.
            ["Tapback:Webhooks:AllowPrivateUrls"] = "true",
        });
        _token = await GatewayScript.PairAsync(_host, InboundSurfaces.Phone);
        var messageId = await _host.SendAsync("+15550100002", "a message to point at");
        using var client = ClientFor(SurfaceAuth.Integration);
        using var webhook = await client.PostAsync("/v2/webhooks", new StringContent("""{"url":"http://127.0.0.1:9/hook","events":["message.received"]}""", MediaTypeHeaderValue.Parse("application/json")));
        webhook.EnsureSuccessStatusCode();
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        var stored = await connection.QueryAsync<string>("SELECT id FROM conversations UNION ALL SELECT id FROM integrations UNION ALL SELECT id FROM webhook_subscriptions");
        _realIds = [messageId, .. stored, Uri.EscapeDataString(InboundSurfaces.Phone), "simulator", Uri.EscapeDataString("+15550100002")];
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        foreach (var fake in _fakes)
        {
            await fake.DisposeAsync();
        }
    }

    [Fact]
    public async Task EveryInboundSurface_HostileBodies_NeverA5xxAndTheStoreStaysWhole()
    {
        var cases = FuzzBudget.Cases(normal: 3000);
        var seed = FuzzBudget.Seed;
        var failures = new ConcurrentQueue<string>();
        var tried = 0;
        var byStatus = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForAsync(0, Workers, async (worker, _) =>
        {
            var bodies = new HostileBodies(seed + worker);
            var random = new Random(seed + worker);
            using var anonymous = ClientFor(SurfaceAuth.None);
            using var integration = ClientFor(SurfaceAuth.Integration);
            using var admin = ClientFor(SurfaceAuth.Admin);
            for (var index = worker; index < cases; index += Workers)
            {
                var surface = InboundSurfaces.All[index % InboundSurfaces.All.Length];
                var body = bodies.Next(surface.ValidJson.Replace("{id}", _realIds[random.Next(_realIds.Length)], StringComparison.Ordinal));
                var path = surface.Path.Replace("{id}", PathSegment(random), StringComparison.Ordinal);
                var client = surface.Auth switch
                {
                    SurfaceAuth.Integration => integration,
                    SurfaceAuth.Admin => admin,
                    _ => anonymous,
                };
                var status = await SendAsync(client, surface, path, body, _host.Time.GetUtcNow());
                Interlocked.Increment(ref tried);
                byStatus.AddOrUpdate(status, 1, (_, count) => count + 1);
                // A small body is always read to its end: a dropped connection there is a crash, not a refusal.
                if (status >= 500 || (status == 0 && body.Content.Length < 64 * 1024))
                {
                    failures.Enqueue($"case {index} (seed {seed + worker}): {surface.Name} {surface.Method} {path} with {body.Kind} ({body.ContentType}, {body.Content.Length} bytes) → {status}");
                }
            }
        });

        output.WriteLine($"Tried {tried} hostile requests on {InboundSurfaces.All.Length} surfaces in {clock.Elapsed.TotalSeconds:F1} s (seed {seed}; TAPBACK_FUZZ_CASES raises the count).");
        output.WriteLine("Statuses: " + string.Join(", ", byStatus.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}×{pair.Value}")));
        Assert.True(failures.IsEmpty, string.Join('\n', failures.Take(20)));
        Assert.Equal(cases, tried);
        Assert.Empty(await StoreInvariants.BrokenAsync(_host));
        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync()
    {
        using var health = await _host.Client.GetAsync("/healthz");
        Assert.True(health.IsSuccessStatusCode, $"/healthz answered {(int)health.StatusCode} after the fuzz.");
        const string Phone = "+15550109999";
        await _host.SendAsync(Phone, "still there?");
        await _host.AdvanceUntilAsync(async () => (await _host.EventsAsync(Phone)).Any(e => e.Type == "message.received"), realTimeout: TimeSpan.FromSeconds(30));
    }

    /// <summary>A real id most of the time, so the handler runs; else a hostile segment for the router and binders.</summary>
    private string PathSegment(Random random) =>
        random.Next(3) == 0
            ? Uri.EscapeDataString(HostileStrings.All[random.Next(HostileStrings.All.Length)] is { Length: > 0 } text ? text.Replace("\ud800", "", StringComparison.Ordinal).Replace("\udfff", "", StringComparison.Ordinal) : "-")
            : _realIds[random.Next(_realIds.Length)];

    private static async Task<int> SendAsync(HttpClient client, InboundSurface surface, string path, HostileBody body, DateTimeOffset now)
    {
        using var request = new HttpRequestMessage(new HttpMethod(surface.Method), path);
        if (surface.Auth == SurfaceAuth.BlooioSignature)
        {
            var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var signature = Convert.ToHexStringLower(BlooioSignature.Compute(InboundSurfaces.BlooioSecret, timestamp, body.Content));
            request.Headers.TryAddWithoutValidation(BlooioSignature.HeaderName, $"t={timestamp},v1={signature}");
        }
        else if (surface.Auth == SurfaceAuth.SendblueSecret)
        {
            request.Headers.TryAddWithoutValidation("sb-signing-secret", InboundSurfaces.SendblueSecret);
        }

        if (surface.Method is not "GET" and not "DELETE")
        {
            var content = new ByteArrayContent(body.Content);
            if (body.ContentType.Length > 0)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
            }

            request.Content = content;
        }

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException exception) when (exception.InnerException is IOException)
        {
            // Kestrel answered (413, 400) and closed before the client finished writing a large body:
            // a refusal, counted as status 0 so the summary shows how often it happened.
            return 0;
        }
    }

    private HttpClient ClientFor(SurfaceAuth auth)
    {
        var client = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        // What an MCP client sends (Streamable HTTP answers 406 without it); the other surfaces ignore it.
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json, text/event-stream");
        var token = auth switch
        {
            SurfaceAuth.Integration => _token,
            SurfaceAuth.Admin => AdminToken,
            _ => null,
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
