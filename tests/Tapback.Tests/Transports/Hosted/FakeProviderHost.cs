using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tapback.Tests.Transports.Hosted;

/// <summary>
/// What the fake hosted providers share: a real Kestrel on a random loopback port, a log of requests,
/// files to serve as attachments, and faults for the next sends.
/// </summary>
internal abstract class FakeProviderHost : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Queue<ProviderFault> _faults = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    /// <summary>Files served at <c>/files/{name}</c>, as a provider's CDN would.</summary>
    public Dictionary<string, byte[]> Files { get; } = [];

    /// <summary>How many more requests for a file answer 503 first, as a CDN still receiving it does.</summary>
    public Dictionary<string, int> FileFailures { get; } = [];

    /// <summary>Every request for a file, in order, by name.</summary>
    public List<string> FileRequests { get; } = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public void FailNextSend(params ProviderFault[] faults)
    {
        lock (_lock)
        {
            foreach (var fault in faults)
            {
                _faults.Enqueue(fault);
            }
        }
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/files/{name}", (string name) =>
        {
            lock (_lock)
            {
                FileRequests.Add(name);
                if (FileFailures.TryGetValue(name, out var failures) && failures > 0)
                {
                    FileFailures[name] = failures - 1;
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }

                return Files.TryGetValue(name, out var bytes) ? Results.File(bytes, "image/jpeg") : Results.NotFound();
            }
        });
        Map(_app);
        await _app.StartAsync();
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    protected abstract void Map(WebApplication app);

    protected async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var recorded = new RecordedRequest(
            context.Request.Method,
            // The raw target, as sent: Kestrel's Path has %2B already decoded to '+'.
            context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString,
            body,
            context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        lock (_lock)
        {
            _requests.Add(recorded);
        }

        return recorded;
    }

    protected ProviderFault? NextFault()
    {
        lock (_lock)
        {
            return _faults.TryDequeue(out var fault) ? fault : null;
        }
    }

    /// <summary>Carries out a fault after the send was made (drop, hang); true when the request is done with.</summary>
    protected async Task<bool> AfterSendingAsync(HttpContext context, ProviderFault? fault)
    {
        if (fault?.DropAfterSending == true)
        {
            context.Abort();
            return true;
        }

        if (fault?.HangAfterSending == true)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            await Task.Delay(Timeout.Infinite, linked.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            context.Abort();
            return true;
        }

        return false;
    }

    protected static IResult Refused(ProviderFault fault, HttpContext context)
    {
        if (fault.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = fault.RetryAfter;
        }

        return Results.Json(new { error = $"scripted {fault.Status}", status = fault.Status }, statusCode: fault.Status!.Value);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }
}
