using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Messaging;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink;

/// <summary>Connections: who may connect, acks and reconnects, replacement with 4000, and surviving a restart.</summary>
public sealed class AgentConnectionTests : IAsyncLifetime
{
    private const string Phone = "+15551230003";
    private TapbackTestHost _host = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync();
        _token = await GatewayScript.PairAsync(_host, Phone);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("tbk_wrong")]
    public async Task Connect_WithoutTheRightToken_Is401(string? token)
    {
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => ScriptedAgentClient.ConnectAsync(_host.BaseAddress, Phone, token));

        Assert.Equal("HTTP 401", refused.Message);
    }

    [Fact]
    public async Task Connect_WithAnotherPhonesToken_Is401()
    {
        var other = await GatewayScript.PairAsync(_host, "+15551230099");

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => ScriptedAgentClient.ConnectAsync(_host.BaseAddress, Phone, other));

        Assert.Equal("HTTP 401", refused.Message);
    }

    [Fact]
    public async Task Connect_WithoutAnUpgrade_Is400ProblemJson()
    {
        using var response = await _host.Client.GetAsync($"/ws/{Uri.EscapeDataString(Phone)}");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Reconnect_WithAcks_RedeliversOnlyWhatWasNotAcknowledged()
    {
        await _host.SendAsync(Phone, "one");
        await _host.SendAsync(Phone, "two");
        await _host.SendAsync(Phone, "three");

        var (first, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token, acks: true);
        var one = await first.ReceiveAsync();
        await first.ReceiveAsync();
        await first.ReceiveAsync();
        await first.SendAsync(Ack((long)one["seq"]!));
        // The agent dies before acknowledging two and three.
        await GatewayScript.EventuallyAsync(async () => await PendingAsync() == 2);
        first.Abort();
        await first.DisposeAsync();

        var (second, connected) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token, acks: true);
        await using var _ = second;
        Assert.Equal(2, (long)connected["data"]!["queuedCount"]!);
        var again = new[] { await second.ReceiveAsync(), await second.ReceiveAsync() };
        Assert.Equal(["two", "three"], again.Select(frame => (string?)frame["data"]!["parts"]![0]!["value"]));
        await second.SendAsync(Ack((long)again[1]["seq"]!));
        await GatewayScript.EventuallyAsync(async () => await PendingAsync() == 0);
        Assert.True(await second.IsQuietAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Connect_WithAMessageAndAReportWaiting_QueuedCountCountsOnlyTheMessage()
    {
        // A send asked over a socket that then goes away leaves a message.sent report waiting. The
        // paired phone's number is a chat id: no message from the phone is needed first.
        var (first, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token, acks: true);
        await first.SendAsync(new JsonObject
        {
            ["type"] = "send_message",
            ["data"] = new JsonObject { ["chatId"] = Phone, ["parts"] = new JsonArray(new JsonObject { ["type"] = "text", ["value"] = "hi" }) },
        });
        await first.ReceiveAsync("message.sent");
        first.Abort();
        await first.DisposeAsync();
        await _host.SendAsync(Phone, "waiting for you");
        // The phone may also report the bubble delivered: more reports, never more messages.
        await GatewayScript.EventuallyAsync(async () => await PendingAsync() >= 2);

        var (second, connected) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token, acks: true);
        await using var _ = second;

        // Clients of the hosted gateways skip queuedCount message.received frames: a report counted
        // there made one of them drop a live message.
        Assert.Equal(1, (long)connected["data"]!["queuedCount"]!);
        Assert.InRange((long)connected["data"]!["otherQueuedCount"]!, 1, 2);
    }

    [Fact]
    public async Task Reconnect_WithoutAcks_DeliversNothingTwice()
    {
        await _host.SendAsync(Phone, "once");
        var (first, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await first.ReceiveAsync("message.received");
        await GatewayScript.EventuallyAsync(async () => await PendingAsync() == 0);
        await first.DisposeAsync();

        var (second, connected) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = second;

        Assert.Equal(0, (long)connected["data"]!["queuedCount"]!);
        Assert.True(await second.IsQuietAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Delivery_WithoutAcksWhileTheStoreHoldsTheDoneMarks_WritesTheWholeBatchThenMarksIt()
    {
        const int Count = 40;
        for (var n = 0; n < Count; n++)
        {
            await _host.SendAsync(Phone, $"queued {n}");
        }

        var (agent, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = agent;
        Assert.Equal("queued 0", TextOf(await agent.ReceiveAsync("message.received")));

        // Marking a row done now waits for the lock: a frame written only after its predecessor's mark
        // stops here until the store's busy timeout fails the mark and closes the socket.
        await using (await HoldQueueRowsAsync())
        {
            for (var n = 1; n < Count; n++)
            {
                Assert.Equal($"queued {n}", TextOf(await agent.ReceiveAsync("message.received")));
            }
        }

        await GatewayScript.EventuallyAsync(async () => await PendingAsync() == 0);
        Assert.True(await agent.IsQuietAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task SecondConnection_WithTheSameToken_ClosesTheFirstWith4000()
    {
        var (first, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var one = first;

        var (second, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var two = second;

        Assert.Equal((WebSocketCloseStatus)4000, await first.WaitForCloseAsync());
        await _host.SendAsync(Phone, "to the new one");
        Assert.Equal("to the new one", (string?)(await second.ReceiveAsync("message.received"))["data"]!["parts"]![0]!["value"]);
    }

    [Fact]
    public async Task Pairing_TheSamePhoneAgain_ClosesTheOldSocketWith4000AndRevokesItsToken()
    {
        var (old, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = old;

        var newToken = await GatewayScript.PairAsync(_host, Phone);

        Assert.Equal((WebSocketCloseStatus)4000, await old.WaitForCloseAsync());
        await Assert.ThrowsAsync<WebSocketException>(() => ScriptedAgentClient.ConnectAsync(_host.BaseAddress, Phone, _token));
        var (fresh, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, newToken);
        await fresh.DisposeAsync();
    }

    [Fact]
    public async Task BadFrames_EachGetAClearErrorAndTheConnectionKeepsWorking()
    {
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = client;
        (string Frame, string Says)[] cases =
        [
            ("{not json", "not valid JSON"),
            ("[1, 2]", "JSON object"),
            ("{\"data\":{}}", "\"type\""),
            ("{\"type\":\"fly\"}", "Unknown frame type 'fly'"),
            ("{\"type\":\"send_message\",\"data\":{\"chatId\":\"+15551230003\"}}", "parts"),
            ("{\"type\":\"send_message\",\"data\":{\"chatId\":\"+15551230003\",\"parts\":[{\"type\":\"gif\"}]}}", "parts[0]"),
            ("{\"type\":\"send_message\",\"data\":{\"chatId\":\"conv_nope\",\"parts\":[{\"type\":\"text\",\"value\":\"x\"}]}}", "No chat 'conv_nope'"),
            ("{\"type\":\"send_message\",\"data\":{\"chatId\":\"+15559999999\",\"parts\":[{\"type\":\"text\",\"value\":\"x\"}]}}", "No chat"),
            ("{\"type\":\"send_message\",\"data\":{\"chatId\":\"+15551230003\",\"parts\":[{\"type\":\"media\",\"attachmentId\":\"upl_x\"}]}}", "not uploaded"),
            ("{\"type\":\"send_message\",\"data\":{\"chatId\":3}}", "does not fit"),
            ("{\"type\":\"send_reaction\",\"data\":{\"messageId\":\"m\",\"operation\":\"poke\",\"reactionType\":\"wow\"}}", "operation"),
            ("{\"type\":\"start_typing\",\"data\":{}}", "chatId"),
            ("{\"type\":\"upload_attachment\",\"data\":{\"filename\":\"a.png\",\"contentType\":\"png\",\"sizeBytes\":-1}}", "sizeBytes"),
            ("{\"type\":\"ack\",\"data\":{\"seq\":1}}", "Acks are off"),
            ("{\"type\":\"ready\"}", "already ready"),
        ];

        foreach (var (frame, says) in cases)
        {
            await client.SendAsync(frame);
            var error = await client.ReceiveAsync();
            Assert.Equal("error", (string?)error["type"]);
            Assert.Contains(says, (string?)error["data"]!["message"], StringComparison.Ordinal);
        }

        await client.SendRawAsync(Encoding.UTF8.GetBytes("{\"type\":\"ready\"}"), WebSocketMessageType.Binary);
        Assert.Contains("binary", (string?)(await client.ReceiveAsync())["data"]!["message"], StringComparison.Ordinal);
        await client.SendAsync(AgentWebSocketTests.SendText(Phone, "still works", "after-errors"));
        Assert.Equal("after-errors", (string?)(await client.ReceiveAsync("message.sent"))["data"]!["clientMessageId"]);
    }

    [Fact]
    public async Task Queue_ForADisconnectedAgent_SurvivesAGatewayRestart()
    {
        await using var host = await TapbackTestHost.StartAsync(dataDirectory: Directory.CreateTempSubdirectory("tapback-restart-").FullName);
        var token = await GatewayScript.PairAsync(host, Phone);
        var messageId = await host.SendAsync(Phone, "kept across a restart");
        var dataDirectory = host.DataDirectory;
        await host.DisposeAsync();

        await using var restarted = await TapbackTestHost.StartAsync(dataDirectory: dataDirectory);
        var (client, connected) = await ScriptedAgentClient.ConnectReadyAsync(restarted.BaseAddress, Phone, token);
        await using var _ = client;

        Assert.Equal(1, (long)connected["data"]!["queuedCount"]!);
        Assert.Equal(messageId, (string?)(await client.ReceiveAsync("message.received"))["data"]!["messageId"]);
    }

    [Fact]
    public async Task StartTyping_OnATransportWithoutTyping_IsAnsweredWithAnError()
    {
        var plain = new RecordingTransport("plain") { Capabilities = new TransportCapabilities { ReadReceipts = true } };
        await using var host = await TapbackTestHost.StartAsync(services: services => services.AddSingleton<IMessageTransport>(plain));
        var token = await GatewayScript.PairAsync(host, Phone);
        await PairedOnAsync(host, "plain");
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(host.BaseAddress, Phone, token);
        await using var _ = client;

        await client.SendAsync(new JsonObject { ["type"] = "start_typing", ["data"] = new JsonObject { ["chatId"] = Phone } });

        var error = await client.ReceiveAsync();
        Assert.Equal("error", (string?)error["type"]);
        Assert.StartsWith("typing indicators are not supported", (string?)error["data"]!["message"], StringComparison.Ordinal);
    }

    private static JsonObject Ack(long seq) => new() { ["type"] = "ack", ["data"] = new JsonObject { ["seq"] = seq } };

    private static string? TextOf(JsonObject frame) => (string?)frame["data"]!["parts"]![0]!["value"];

    /// <summary>
    /// Locks the queue's pending rows from outside Tapback, as another writer would, until disposed: on
    /// PostgreSQL their row locks, on SQLite the file's write lock. Reads go on.
    /// </summary>
    private async Task<IAsyncDisposable> HoldQueueRowsAsync()
    {
        System.Data.Common.DbConnection connection;
        if (TestStore.IsPostgres)
        {
            connection = await TestStore.OpenAsync(_host.DataDirectory);
        }
        else
        {
            // TestStore's SQLite connection is read-only.
            connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_host.DataDirectory, "tapback.db")};Pooling=False");
            await connection.OpenAsync();
        }

        var transaction = await connection.BeginTransactionAsync();
        await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE agent_queue SET state = state WHERE state = 'pending'", transaction: transaction);
        return new HeldRows(connection, transaction);
    }

    private sealed class HeldRows(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private async Task<long> PendingAsync()
    {
        await using var connection = await _host.Services.GetRequiredService<Tapback.Storage.Database>().OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT count(*) FROM agent_queue WHERE state = 'pending' AND link LIKE 'integration:%'");
    }

    /// <summary>Moves the integration to another transport, as if the phone had paired there.</summary>
    private static async Task PairedOnAsync(TapbackTestHost host, string transport)
    {
        await using var connection = await host.Services.GetRequiredService<Tapback.Storage.Database>().OpenAsync();
        await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE integrations SET transport = @transport", new { transport });
    }
}
