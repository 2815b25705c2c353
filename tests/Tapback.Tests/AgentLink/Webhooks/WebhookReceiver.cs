using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tapback.Tests.AgentLink.Webhooks;

/// <summary>
/// A webhook receiver on a random loopback port, written the way a user would write one: it checks the
/// Standard Webhooks signature itself (not with Tapback's signer), and answers as scripted.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<ReceivedWebhook> _received = [];
    private readonly Queue<ReceiverAnswer> _script = new();
    private WebApplication? _app;

    public Uri Url { get; private set; } = null!;

    /// <summary>The <c>whsec_…</c> secret signatures are checked against; set it from the subscription.</summary>
    public string? Secret { get; set; }

    /// <summary>The answer once the script is used up.</summary>
    public ReceiverAnswer Otherwise { get; set; } = ReceiverAnswer.Ok;

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    public IReadOnlyList<ReceivedWebhook> Accepted => [.. Received.Where(r => r.Answer == ReceiverAnswer.Ok)];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hook", (Delegate)receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver._app = app;
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    public void Script(params ReceiverAnswer[] answers)
    {
        lock (_lock)
        {
            foreach (var answer in answers)
            {
                _script.Enqueue(answer);
            }
        }
    }

    /// <summary>True when <paramref name="signatureHeader"/> holds a v1 signature of id.timestamp.body under <paramref name="secret"/>.</summary>
    public static bool Verify(string secret, string id, string timestamp, string body, string signatureHeader)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        return signatureHeader.Split(' ').Any(part => part.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(part[3..]), Encoding.ASCII.GetBytes(expected)));
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var id = context.Request.Headers["webhook-id"].ToString();
        var timestamp = context.Request.Headers["webhook-timestamp"].ToString();
        var signature = context.Request.Headers["webhook-signature"].ToString();
        ReceiverAnswer answer;
        lock (_lock)
        {
            answer = _script.TryDequeue(out var scripted) ? scripted : Otherwise;
            _received.Add(new ReceivedWebhook(id, timestamp, signature, body, Secret is { } secret && Verify(secret, id, timestamp, body, signature), answer));
        }

        switch (answer)
        {
            case ReceiverAnswer.ServerError:
                return Results.Text("receiver is down", statusCode: 500);
            case ReceiverAnswer.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                return Results.Empty;
            default:
                return Results.NoContent();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
