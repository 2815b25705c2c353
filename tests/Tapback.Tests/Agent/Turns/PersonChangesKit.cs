using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Inbox;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Turns;

/// <summary>
/// The built-in agent on a scripted fake model and a <see cref="RecordingTransport"/> with the
/// capabilities a test gives it, for what iMessage carries beyond text: the person's edits, unsends,
/// replies and typing come in through the inbox as a transport would hand them over.
/// </summary>
internal sealed class PersonChangesKit : IAsyncDisposable
{
    public const string Phone = "+15551230420";
    public const string TransportName = "recording";

    // The lease a turn takes (Tapback:Agent:ModelTimeout + 1 minute): a held turn's lease tells when it was claimed.
    public static readonly TimeSpan ModelTimeout = TimeSpan.FromSeconds(30);

    private int _events;

    private PersonChangesKit(FakeOpenAIServer model, RecordingTransport transport, TapbackTestHost host)
    {
        Model = model;
        Transport = transport;
        Host = host;
    }

    public FakeOpenAIServer Model { get; }

    public RecordingTransport Transport { get; }

    public TapbackTestHost Host { get; }

    public Inbox Inbox => Host.Services.GetRequiredService<Inbox>();

    /// <summary>The agent's messages the transport was asked to send, in order.</summary>
    public IReadOnlyList<SendMessageAction> Sends => [.. Transport.Actions.OfType<SendMessageAction>()];

    public static async Task<PersonChangesKit> StartAsync(TransportCapabilities capabilities, IDictionary<string, string?>? settings = null)
    {
        var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        model.Reply = _ => "ok";
        var transport = new RecordingTransport(TransportName) { Capabilities = capabilities };
        var all = new Dictionary<string, string?>
        {
            ["Tapback:Agent:Provider"] = "openai",
            ["Tapback:Agent:BaseUrl"] = model.BaseUrl.ToString(),
            ["Tapback:Agent:ApiKey"] = "k",
            ["Tapback:Agent:Model"] = "gpt-test",
            ["Tapback:Agent:AllowFrom:0"] = "*",
            ["Tapback:Agent:ModelTimeout"] = ModelTimeout.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = await TapbackTestHost.StartAsync(all, services: services => services.AddSingleton<IMessageTransport>(transport));
        return new PersonChangesKit(model, transport, host);
    }

    /// <summary>The person writes; returns Tapback's id of the message.</summary>
    public async Task<string> SendAsync(string text, string? replyTo = null, string? service = null, string from = Phone) =>
        (await Inbox.ReceiveMessageAsync(new InboundMessage
        {
            Transport = TransportName,
            EventId = $"in-{Interlocked.Increment(ref _events)}",
            ChatId = from,
            From = from,
            Text = text,
            ReplyTo = replyTo,
            Service = service,
        })).MessageId;

    public Task<bool> EditAsync(string messageId, string text) =>
        Inbox.ReceiveEditAsync(new InboundEdit { Transport = TransportName, EventId = $"edit-{Interlocked.Increment(ref _events)}", MessageId = messageId, Text = text });

    public Task<bool> UnsendAsync(string messageId) =>
        Inbox.ReceiveUnsendAsync(new InboundUnsend { Transport = TransportName, EventId = $"unsend-{Interlocked.Increment(ref _events)}", MessageId = messageId });

    public Task<bool> TypingAsync(bool typing, string from = Phone) =>
        Inbox.ReceiveTypingAsync(new InboundTyping { Transport = TransportName, ChatId = from, Typing = typing });

    /// <summary>Advances the clock until the model was asked <paramref name="requests"/> times and Tapback has nothing left to do.</summary>
    public Task WaitForTurnsAsync(int requests) =>
        Host.AdvanceUntilAsync(async () => Model.RequestCount >= requests && await Host.IsIdleAsync());

    /// <summary>Advances the clock until nothing waits: every queue row done, every outbox row sent.</summary>
    public Task WaitUntilIdleAsync() => Host.AdvanceUntilAsync(Host.IsIdleAsync);

    /// <summary>Everything the model read in request <paramref name="index"/>, one message a line.</summary>
    public string History(int index) => string.Join('\n', Model.Requests[index].Messages.Select(message => message.Text));

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Host.Services.GetRequiredService<Database>().OpenAsync();
        return [.. await connection.QueryAsync<T>(sql, parameters)];
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await Host.Services.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    public async ValueTask DisposeAsync()
    {
        Model.Release();
        await Host.DisposeAsync();
        await Model.DisposeAsync();
    }
}
