using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tapback.Tests.Transports.BlueBubbles;

/// <summary>
/// A BlueBubbles server on loopback: the REST routes Tapback uses under <c>/api/v1</c>, the password
/// as the <c>guid</c> query parameter, and a chat history (the Mac's Messages database) that sends
/// add to and <c>/message/query</c> reads. Faults are scripted per route.
/// </summary>
internal sealed partial class FakeBlueBubblesServer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<FakeBlueBubblesRequest> _requests = [];
    private readonly List<JsonObject> _messages = [];
    private readonly Dictionary<string, (byte[] Bytes, string MimeType)> _files = [];
    private readonly Dictionary<string, Queue<FakeBlueBubblesFault>> _faults = [];
    private readonly Dictionary<string, FakeBlueBubblesFault> _lasting = [];
    private readonly Dictionary<string, Func<JsonObject>> _sendCache = [];
    private readonly HashSet<string> _unaddressable = [];
    private readonly HashSet<string> _notOnDisk = [];
    private WebApplication? _app;
    private Uri? _address;
    private int _nextGuid;

    public string Password { get; init; } = "bb-password";

    public bool PrivateApi { get; set; } = true;

    /// <summary>
    /// What <c>/server/info</c> says of the Private API helper inside Messages.app (<c>helper_connected</c>:
    /// the server's PrivateApiService has a client); false plays Messages.app not running.
    /// </summary>
    public bool HelperConnected { get; set; } = true;

    /// <summary>The Mac's clock, in epoch milliseconds; tests point it at their fake clock.</summary>
    public Func<long> Clock { get; set; } = () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public Uri BaseUrl => _address ?? throw new InvalidOperationException("Call StartAsync first.");

    public IReadOnlyList<FakeBlueBubblesRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Messages sent through the API (ours), oldest first.</summary>
    public IReadOnlyList<JsonObject> Sent
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages.Where(message => message["isFromMe"]!.GetValue<bool>())];
            }
        }
    }

    public IReadOnlyList<FakeBlueBubblesRequest> RequestsTo(string method, string pathStart) =>
        [.. Requests.Where(request => request.Method == method && request.Path.StartsWith(pathStart, StringComparison.Ordinal))];

    /// <summary>The next request to a path starting with <paramref name="pathStart"/> meets <paramref name="fault"/>.</summary>
    public void FailNext(string pathStart, FakeBlueBubblesFault fault)
    {
        lock (_lock)
        {
            if (!_faults.TryGetValue(pathStart, out var queue))
            {
                _faults[pathStart] = queue = new Queue<FakeBlueBubblesFault>();
            }

            queue.Enqueue(fault);
        }
    }

    /// <summary>Every request to a path starting with <paramref name="pathStart"/> meets <paramref name="fault"/> until <see cref="StopFailing"/>.</summary>
    public void FailAlways(string pathStart, FakeBlueBubblesFault fault)
    {
        lock (_lock)
        {
            _lasting[pathStart] = fault;
        }
    }

    public void StopFailing(string pathStart)
    {
        lock (_lock)
        {
            _lasting.Remove(pathStart);
        }
    }

    /// <summary>
    /// Messages' AppleScript cannot find this chat guid (macOS 26 reports <c>any;+;chat…</c> but cannot
    /// address it): a send there answers 500 with the AppleScript error -1728.
    /// </summary>
    public void Unaddressable(string chatGuid)
    {
        lock (_lock)
        {
            _unaddressable.Add(chatGuid);
        }
    }

    private bool IsUnaddressable(string chatGuid)
    {
        lock (_lock)
        {
            return _unaddressable.Contains(chatGuid);
        }
    }

    /// <summary>Sends the server kept working on after the client gave up land in the chat now, and leave the send cache.</summary>
    public void FinishPendingSends()
    {
        List<Func<JsonObject>> pending;
        lock (_lock)
        {
            pending = [.. _sendCache.Values];
            _sendCache.Clear();
        }

        pending.ForEach(send => send());
    }

    /// <summary>A message lands in the Mac's database (for catch-up to find), as a webhook would carry it.</summary>
    public void AddMessage(JsonObject data)
    {
        lock (_lock)
        {
            _messages.Add(data);
        }
    }

    public void AddFile(string attachmentGuid, byte[] bytes, string mimeType)
    {
        lock (_lock)
        {
            _files[attachmentGuid] = (bytes, mimeType);
            _notOnDisk.Remove(attachmentGuid);
        }
    }

    /// <summary>
    /// The attachment is in the Mac's database but its file is not downloaded yet (a voice memo still
    /// in iCloud): the server's attachmentRouter answers 500 "Attachment does not exist in disk!".
    /// </summary>
    public void AddFileNotOnDisk(string attachmentGuid)
    {
        lock (_lock)
        {
            _notOnDisk.Add(attachmentGuid);
        }
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (await AuthorizeAndRecordAsync(context))
            {
                await next(context);
            }
        });
        app.MapGet("/api/v1/ping", (RequestDelegate)PingAsync);
        app.MapGet("/api/v1/server/info", (RequestDelegate)ServerInfoAsync);
        app.MapPost("/api/v1/message/text", (RequestDelegate)SendTextAsync);
        app.MapPost("/api/v1/message/attachment", (RequestDelegate)SendAttachmentAsync);
        app.MapPost("/api/v1/message/react", (RequestDelegate)ReactAsync);
        app.MapPost("/api/v1/message/query", (RequestDelegate)QueryAsync);
        app.MapPost("/api/v1/chat/{guid}/typing", (RequestDelegate)PrivateApiOnlyAsync);
        app.MapDelete("/api/v1/chat/{guid}/typing", (RequestDelegate)PrivateApiOnlyAsync);
        app.MapPost("/api/v1/chat/{guid}/read", (RequestDelegate)PrivateApiOnlyAsync);
        app.MapGet("/api/v1/attachment/{guid}/download", (RequestDelegate)DownloadAsync);
        MapChanges(app);
        await app.StartAsync();
        _address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private string NewGuid() => $"FAKE-{Interlocked.Increment(ref _nextGuid):D4}-0000-0000-0000-000000000000";

    private FakeBlueBubblesFault? NextFault(string path)
    {
        lock (_lock)
        {
            foreach (var (start, queue) in _faults)
            {
                if (path.StartsWith(start, StringComparison.Ordinal) && queue.Count > 0)
                {
                    return queue.Dequeue();
                }
            }

            return _lasting.FirstOrDefault(lasting => path.StartsWith(lasting.Key, StringComparison.Ordinal)).Value;
        }
    }
}
