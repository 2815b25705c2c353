using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// What the fake LLM servers share: a real Kestrel on a random loopback port, the requests it
/// received, the replies it gives, and a gate that keeps requests hanging while a test acts.
/// </summary>
internal abstract partial class FakeChatServer : IAsyncDisposable
{
    public const string DefaultReply = "Hello from the fake model.";

    private readonly Lock _lock = new();
    private readonly List<FakeChatRequest> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Arrived)> _waiters = [];
    private readonly Queue<FakeReply> _queuedReplies = new();
    private TaskCompletionSource _gate = Open();
    private WebApplication? _app;
    private Uri? _serverAddress;

    /// <summary>The key the server accepts; null accepts any key and none.</summary>
    public string? ApiKey { get; init; } = "test-key";

    /// <summary>The reply to a request, used when no queued reply is left.</summary>
    public Func<FakeChatRequest, string> Reply { get; set; } = _ => DefaultReply;

    /// <summary>
    /// A scripted reply to a request (text and/or tool calls), used instead of <see cref="Reply"/> when set
    /// and no queued reply is left. Only the OpenAI-protocol fakes speak tool calls.
    /// </summary>
    public Func<FakeChatRequest, FakeReply>? Script { get; set; }

    /// <summary>The address to give the client under test; see each server for whether it ends in /v1.</summary>
    public Uri BaseUrl => BaseUrlFor(ServerAddress);

    public IReadOnlyList<FakeChatRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public int RequestCount
    {
        get
        {
            lock (_lock)
            {
                return _requests.Count;
            }
        }
    }

    protected Uri ServerAddress => _serverAddress ?? throw new InvalidOperationException("Call StartAsync first.");

    /// <summary>Replies given in order before <see cref="Reply"/> is asked.</summary>
    public void EnqueueReplies(params string[] replies) => EnqueueReplies([.. replies.Select(FakeReply.Say)]);

    /// <summary>Scripted replies (text or tool calls) given in order before <see cref="Script"/> or <see cref="Reply"/>.</summary>
    public void EnqueueReplies(params FakeReply[] replies)
    {
        lock (_lock)
        {
            foreach (var reply in replies)
            {
                _queuedReplies.Enqueue(reply);
            }
        }
    }

    /// <summary>Requests from now on are recorded, then wait without an answer until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_lock)
        {
            if (_gate.Task.IsCompleted)
            {
                _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Lets every held request, and those that come later, be answered.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _gate.TrySetResult();
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> requests have arrived (held or not).</summary>
    public Task WaitForRequestAsync(int count = 1, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, arrived));
            return arrived.Task.WaitAsync(cancellationToken);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        Map(app);
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        _serverAddress = new Uri(addresses.Addresses.First());
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract void Map(WebApplication app);

    protected abstract Uri BaseUrlFor(Uri serverAddress);

    /// <summary>Records the request and wakes waiters; the caller then checks the key.</summary>
    protected void Record(FakeChatRequest request)
    {
        lock (_lock)
        {
            _requests.Add(request);
            foreach (var waiter in _waiters.Where(waiter => _requests.Count >= waiter.Count).ToList())
            {
                waiter.Arrived.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    protected bool Accepts(FakeChatRequest request) => ApiKey is null || request.ApiKey == ApiKey;

    /// <summary>Waits at the gate (see <see cref="Hold"/>), then picks the reply's text.</summary>
    protected async Task<string> ReplyAfterGateAsync(FakeChatRequest request, HttpContext context)
    {
        var reply = await ScriptedReplyAfterGateAsync(request, context);
        return reply.ToolCalls.Count == 0
            ? reply.Text ?? ""
            : throw new InvalidOperationException($"{GetType().Name} does not speak tool calls; script them on a FakeOpenAIServer.");
    }

    /// <summary>Waits at the gate (see <see cref="Hold"/>), then picks the reply: queued, scripted, or <see cref="Reply"/>.</summary>
    protected async Task<FakeReply> ScriptedReplyAfterGateAsync(FakeChatRequest request, HttpContext context)
    {
        Task gate;
        lock (_lock)
        {
            gate = _gate.Task;
        }

        await gate.WaitAsync(context.RequestAborted);
        lock (_lock)
        {
            if (_queuedReplies.TryDequeue(out var queued))
            {
                return queued;
            }
        }

        return Script?.Invoke(request) ?? FakeReply.Say(Reply(request));
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource();
        open.SetResult();
        return open;
    }
}
