using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Transports.BlueBubbles;

/// <summary>
/// One person, one group, whatever guid shape the server reports them under: <c>iMessage;</c>,
/// <c>SMS;</c>, <c>any;</c> (macOS 26), <c>-</c> one-to-one and <c>+</c> groups.
/// </summary>
public sealed class BlueBubblesChatShapeTests
{
    private const string Phone = "+15551234567";

    [Fact]
    public async Task ReceiveAsync_SamePersonUnderThreeGuidShapes_OneConversationWithTheWholeHistory()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, new Dictionary<string, string?> { ["Tapback:Agent:Enabled"] = "false" });

        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", Phone, "one", host.Now(), $"any;-;{Phone}"));
        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-2", Phone, "two", host.Now() + 1, $"iMessage;-;{Phone}"));
        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-3", Phone, "three", host.Now() + 2, $"SMS;-;{Phone}"));

        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM conversations WHERE transport = 'bb'"));
        Assert.Equal(3, await host.CountAsync("SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.chat_id = @chat", new { chat = $"any;-;{Phone}" }));
    }

    [Fact]
    public async Task ReceiveAsync_SameGroupUnderAnyAndIMessage_OneConversation()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, new Dictionary<string, string?> { ["Tapback:Agent:Enabled"] = "false" });

        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", Phone, "hello group", host.Now(), "any;+;chat123456789", "Friends"));
        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-2", "+15550000002", "hi all", host.Now() + 1, "iMessage;+;chat123456789", "Friends"));

        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM conversations WHERE transport = 'bb'"));
    }

    [Fact]
    public async Task Outbox_ReplyToAGroupGuidMessagesCannotAddress_GoesToTheShapeThatWorksAndStaysThere()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, new Dictionary<string, string?> { ["Tapback:Agent:GroupReplies"] = "all" });
        fake.Unaddressable("any;+;chat123456789");

        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", Phone, "hello group", host.Now(), "any;+;chat123456789", "Friends"));
        await host.AdvanceUntilAsync(
            async () => fake.Sent.Count > 0 && await host.CountAsync("SELECT count(*) FROM outbox WHERE state NOT IN ('done', 'failed', 'unknown')") == 0 && await host.IsIdleAsync(),
            step: TimeSpan.FromSeconds(1));

        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM outbox WHERE state <> 'done'"));
        Assert.All(fake.Sent, sent => Assert.Equal("iMessage;+;chat123456789", sent["chats"]![0]!["guid"]!.GetValue<string>()));
        var tries = fake.RequestsTo("POST", "/api/v1/message/text").Select(request => request.Body!["chatGuid"]!.GetValue<string>()).ToList();
        Assert.Equal(2, tries.Count(guid => guid == "any;+;chat123456789"));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM conversations WHERE transport = 'bb'"));
    }
}
