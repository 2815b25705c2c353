using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tapback.AgentLink.Client;
using Tapback.Gateway.Inbox;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Client;

/// <summary>
/// The remote-agent client is itself a transport: the person's reply details, edits, unsends and typing
/// that the gateway reports (Tapback's extension frames) land in the agent's own store.
/// </summary>
public sealed class RemoteGatewayChangesTests
{
    private const string Phone = "+15551234568";

    [Fact]
    public async Task HandleAsync_GatewayReportsReplyEditTypingAndUnsend_AppliesThemToTheLocalCopy()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.Zero };
        await using var gateway = await TapbackTestHost.StartAsync(time: time);
        var code = await GatewayScript.RequestCodeAsync(gateway, Phone);
        await using var agent = await TapbackTestHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Tapback:Agent:Gateway:Url"] = gateway.BaseAddress.ToString(),
                ["Tapback:Agent:Gateway:Phone"] = Phone,
                ["Tapback:Agent:Gateway:Code"] = code,
            },
            time: time);
        var client = agent.Services.GetRequiredService<RemoteGatewayClient>();
        await GatewayScript.EventuallyAsync(() => Task.FromResult(client.Connections == 1));
        var inbox = gateway.Services.GetRequiredService<Inbox>();
        var first = await gateway.SendAsync(Phone, "dinner at 7?", eventId: "evt-remote-1");
        await GatewayScript.EventuallyAsync(async () => await LocalAsync<long>(agent, "SELECT count(*) FROM messages WHERE id = @first", new { first }) == 1);

        var reply = await inbox.ReceiveMessageAsync(new InboundMessage
        {
            Transport = "simulator", EventId = "evt-remote-2", ChatId = Phone, From = Phone, Text = "or 8", ReplyTo = first, Effect = MessageEffect.Gentle, Service = MessageServices.IMessage,
        });
        await inbox.ReceiveTypingAsync(new InboundTyping { Transport = "simulator", ChatId = Phone, Typing = true });
        await GatewayScript.EventuallyAsync(async () => await LocalAsync<long?>(agent, "SELECT peer_typing_since FROM conversations WHERE handle = @Phone", new { Phone }) is not null);
        await inbox.ReceiveEditAsync(new InboundEdit { Transport = "simulator", EventId = "edit-1", MessageId = first, Text = "dinner at 8?" });
        await inbox.ReceiveUnsendAsync(new InboundUnsend { Transport = "simulator", EventId = "unsend-1", MessageId = reply.MessageId });
        await GatewayScript.EventuallyAsync(async () => await LocalAsync<long?>(agent, "SELECT unsent_at FROM messages WHERE id = @id", new { id = reply.MessageId }) is not null);

        Assert.Equal("dinner at 8?", await LocalAsync<string>(agent, "SELECT body FROM messages WHERE id = @first", new { first }));
        Assert.Equal(["dinner at 7?"], await LocalListAsync(agent, "SELECT body FROM message_edits WHERE message_id = @first", new { first }));
        Assert.Equal(first, await LocalAsync<string>(agent, "SELECT reply_to FROM messages WHERE id = @id", new { id = reply.MessageId }));
        Assert.Equal("gentle", await LocalAsync<string>(agent, "SELECT effect FROM messages WHERE id = @id", new { id = reply.MessageId }));
        Assert.Equal("iMessage", await LocalAsync<string>(agent, "SELECT service FROM messages WHERE id = @id", new { id = reply.MessageId }));
        Assert.Equal(string.Empty, await LocalAsync<string>(agent, "SELECT body FROM messages WHERE id = @id", new { id = reply.MessageId }));
    }

    private static async Task<T> LocalAsync<T>(TapbackTestHost host, string sql, object parameters)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    private static async Task<IReadOnlyList<string>> LocalListAsync(TapbackTestHost host, string sql, object parameters)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return [.. await connection.QueryAsync<string>(sql, parameters)];
    }
}
