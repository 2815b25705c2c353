using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Inbox;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Outbox;

public sealed partial class OutboxDispatcherTests
{
    private const string Phone = "+15551234567";

    [Fact]
    public async Task Send_ProviderFailsTwiceThenRecovers_DeliversEachBubbleOnceInOrderAfterBackoff()
    {
        var transport = new RecordingTransport("flaky")
        {
            BeforeExecute = (action, call) =>
            {
                if (action is SendMessageAction && call is 3 or 4)
                {
                    throw new TransportException("503 from the provider", retryable: true);
                }
            },
        };
        await using var host = await StartAsync(transport);

        await ReceiveAsync(host, "evt-1");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));

        var sends = transport.Actions.OfType<SendMessageAction>().ToList();
        Assert.True(sends.Count >= 2, $"Expected several bubbles, got {sends.Count}.");
        Assert.Equal(sends.Count, sends.Select(send => send.IdempotencyKey).Distinct().Count());
        Assert.Equal(sends.OrderBy(send => BubbleIndex(send.IdempotencyKey)).Select(send => send.IdempotencyKey), sends.Select(send => send.IdempotencyKey));
        Assert.IsType<MarkReadAction>(transport.Actions[0]);
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM outbox WHERE state <> 'done'"));
        Assert.Equal(2, await CountAsync(host, "SELECT max(attempts) - 1 FROM outbox"));
    }

    [Fact]
    public async Task Send_ProviderRefusesForGood_MarksTheMessageFailedAndGoesOn()
    {
        var transport = new RecordingTransport("strict")
        {
            BeforeExecute = (action, _) =>
            {
                if (action is SendMessageAction { IdempotencyKey: var key } && key.EndsWith(":bubble:0", StringComparison.Ordinal))
                {
                    throw new TransportException("400: the number cannot receive iMessage", retryable: false);
                }
            },
        };
        await using var host = await StartAsync(transport);

        await ReceiveAsync(host, "evt-1");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));

        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM outbox WHERE state = 'failed'"));
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE direction = 'out' AND state = 'failed'"));
        Assert.True(await CountAsync(host, "SELECT count(*) FROM messages WHERE direction = 'out' AND state = 'sent'") >= 1);
    }

    [Fact]
    public async Task Restart_RowCaughtInFlightOnATransportWithoutIdempotency_IsMarkedUnknownNotResent()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-unknown-").FullName;
        try
        {
            var transport = new RecordingTransport("plain");
            await using (var host = await StartAsync(transport, dataDirectory))
            {
                await ReceiveAsync(host, "evt-1");
                await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));
                // As if the process had died between asking the provider and hearing back.
                await ExecuteAsync(host, "UPDATE outbox SET state = 'in_flight' WHERE id = (SELECT max(id) FROM outbox WHERE kind = 'message')");
            }

            var again = new RecordingTransport("plain");
            await using var restarted = await StartAsync(again, dataDirectory);
            await restarted.AdvanceUntilAsync(restarted.IsIdleAsync, step: TimeSpan.FromSeconds(1));

            Assert.Empty(again.Actions.OfType<SendMessageAction>());
            Assert.Equal(1, await CountAsync(restarted, "SELECT count(*) FROM outbox WHERE state = 'unknown'"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static Task<TapbackTestHost> StartAsync(RecordingTransport transport, string? dataDirectory = null) =>
        TapbackTestHost.StartAsync(
            new Dictionary<string, string?> { ["Tapback:Agent:AllowFrom:0"] = "*" },
            dataDirectory,
            services => services.AddSingleton<IMessageTransport>(transport));

    private static Task<InboxResult> ReceiveAsync(TapbackTestHost host, string eventId) =>
        host.Services.GetRequiredService<Inbox>().ReceiveMessageAsync(new InboundMessage
        {
            Transport = host.Services.GetServices<IMessageTransport>().OfType<RecordingTransport>().Single().Name,
            EventId = eventId,
            ChatId = Phone,
            From = Phone,
            Text = "hello",
        });

    private static int BubbleIndex(string key) => int.Parse(key[(key.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<long> CountAsync(TapbackTestHost host, string sql)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task ExecuteAsync(TapbackTestHost host, string sql)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync(sql);
    }
}
