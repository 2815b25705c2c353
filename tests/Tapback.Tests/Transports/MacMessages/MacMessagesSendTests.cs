using Microsoft.Extensions.DependencyInjection;
using Tapback.Messaging;
using Tapback.Transports.MacMessages;
using Tapback.Transports.MacMessages.AppleScript;

namespace Tapback.Tests.Transports.MacMessages;

/// <summary>What happens to our sends: their guids, tapbacks and reports on them, AppleScript failures, unknown outcomes.</summary>
public sealed class MacMessagesSendTests
{
    [Fact]
    public async Task Poll_TapbackOnOurBubbleAddedThenRemoved_ReachesTheStoreAgainstOurMessage()
    {
        await using var mac = await MacMessagesHost.StartAsync();
        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "hello", mac.Now);
        await mac.WaitForAnswerAsync();
        var (messageId, providerId) = (await mac.QueryAsync<(string, string)>("SELECT id, provider_id FROM messages WHERE direction = 'out' AND provider_id IS NOT NULL ORDER BY seq LIMIT 1"))[0];

        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "Loved “hello”", mac.Now, associatedType: 2000, associatedGuid: $"p:0/{providerId}");
        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "Removed a heart from “hello”", mac.Now, associatedType: 3000, associatedGuid: $"p:0/{providerId}");
        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "Laughed at “hello”", mac.Now, associatedType: 2003, associatedGuid: $"bp:{providerId}");
        await mac.PollUntilAsync(async () => await mac.CountAsync("SELECT count(*) FROM reactions") == 3);

        var reactions = await mac.QueryAsync<(string MessageId, string Reaction, long Removed)>("SELECT message_id, reaction, removed FROM reactions ORDER BY id");
        Assert.Equal([(messageId, "love", 0L), (messageId, "love", 1L), (messageId, "laugh", 0L)], reactions);
        Assert.Equal(1, await mac.InboundCountAsync());
    }

    [Fact]
    public async Task Poll_OurSendDeliveredThenRead_MovesTheMessageForward()
    {
        await using var mac = await MacMessagesHost.StartAsync();
        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "hello", mac.Now);
        await mac.WaitForAnswerAsync();
        var providerId = (await mac.QueryAsync<string>("SELECT provider_id FROM messages WHERE direction = 'out' AND provider_id IS NOT NULL ORDER BY seq LIMIT 1"))[0];
        string State() => "SELECT state FROM messages WHERE provider_id = @providerId";

        mac.ChatDb.MarkDelivered(providerId, mac.Now);
        await mac.PollUntilAsync(async () => (await mac.QueryAsync<string>(State(), new { providerId }))[0] == "delivered");
        mac.ChatDb.MarkRead(providerId, mac.Now);
        await mac.PollUntilAsync(async () => (await mac.QueryAsync<string>(State(), new { providerId }))[0] == "read");

        Assert.Equal(2, await mac.CountAsync("SELECT count(*) FROM inbox WHERE kind = 'status' AND event_id LIKE @prefix", new { prefix = providerId + ":%" }));
    }

    [Fact]
    public async Task Send_AutomationNotAllowed_FailsWithThePlainWordsAndIsNotRetried()
    {
        await using var mac = await MacMessagesHost.StartAsync();
        mac.Scripts.OnSend = (_, _) => Task.FromResult(new AppleScriptResult(
            1, string.Empty, "execution error: Not authorized to send Apple events to Messages. (-1743)"));

        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "hello", mac.Now);
        await mac.PollUntilAsync(async () => !mac.Scripts.Runs.IsEmpty && await mac.Host.IsIdleAsync());

        var errors = await mac.QueryAsync<string>("SELECT last_error FROM outbox WHERE kind = 'message' AND state = 'failed'");
        Assert.NotEmpty(errors);
        Assert.Contains("Privacy & Security → Automation", errors[0], StringComparison.Ordinal);
        Assert.Contains("-1743", errors[0], StringComparison.Ordinal);
        Assert.Equal(errors.Count, mac.Scripts.Runs.Count);
    }

    [Fact]
    public async Task Send_ScriptHangsButMessagesTookIt_IsReconciledFromChatDbAndNotSentAgain()
    {
        await using var mac = await MacMessagesHost.StartAsync();
        var hung = 0;
        mac.Scripts.OnSend = async (arguments, cancellationToken) =>
        {
            if (Interlocked.Increment(ref hung) == 1)
            {
                // Messages wrote the row, then osascript never came back.
                mac.WriteOwnRow(arguments);
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            mac.WriteOwnRow(arguments);
            return new AppleScriptResult(0, string.Empty, string.Empty);
        };

        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "hello", mac.Now);
        await mac.PollUntilAsync(async () => !mac.Scripts.Runs.IsEmpty && await mac.Host.IsIdleAsync()
            && await mac.CountAsync("SELECT count(*) FROM outbox WHERE state IN ('reconciling', 'queued', 'in_flight')") == 0);

        var texts = mac.Scripts.SentTexts;
        Assert.Equal(texts.Count, texts.Distinct().Count());
        Assert.Equal(0, await mac.CountAsync("SELECT count(*) FROM outbox WHERE state NOT IN ('done')"));
        var first = mac.ChatDb.OwnRows()[0];
        Assert.Equal(1, await mac.CountAsync("SELECT count(*) FROM messages WHERE direction = 'out' AND provider_id = @Guid AND state = 'sent'", new { first.Guid }));
    }

    [Fact]
    public async Task ReconcileAsync_NoRowInTheChat_IsUnknownUntilMessagesHadTimeThenNotSent()
    {
        await using var mac = await MacMessagesHost.StartAsync();
        var transport = mac.Host.Services.GetServices<IMessageTransport>().OfType<MacMessagesTransport>().Single();
        var send = new SendMessageAction { IdempotencyKey = "k1", ChatId = mac.Chat.Guid, MessageId = "msg_1", Text = "never went out" };
        var attemptedAt = mac.Now;

        Assert.Equal(SendReconciliationOutcome.Unknown, (await transport.ReconcileAsync(send, attemptedAt)).Outcome);
        mac.Host.Time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(SendReconciliationOutcome.NotSent, (await transport.ReconcileAsync(send, attemptedAt)).Outcome);

        mac.WriteOwnRow(["participant", MacMessagesHost.Phone, "iMessage", "text", "never went out"]);
        var found = await transport.ReconcileAsync(send, attemptedAt);
        Assert.Equal(SendReconciliationOutcome.Sent, found.Outcome);
        Assert.Equal(mac.ChatDb.OwnRows()[^1].Guid, found.ProviderMessageId);
    }

    [Fact]
    public async Task ExecuteAsync_TextWithAFile_SendsBothAsArgumentsAndReturnsTheTextsGuid()
    {
        await using var mac = await MacMessagesHost.StartAsync();
        var transport = mac.Host.Services.GetServices<IMessageTransport>().OfType<MacMessagesTransport>().Single();
        var stored = Path.Combine(mac.ChatDb.Directory, "0123abcd");
        await File.WriteAllBytesAsync(stored, [1, 2, 3]);
        var send = new SendMessageAction
        {
            IdempotencyKey = "k2",
            ChatId = mac.Chat.Guid,
            MessageId = "msg_2",
            Text = "here is the menu; \"quoted\" & end tell",
            Attachments = [new OutboundAttachment { AttachmentId = "att_menu", FileName = "menu.pdf", ContentType = "application/pdf", Path = stored }],
        };

        var providerId = await transport.ExecuteAsync(send);

        var runs = mac.Scripts.Runs.ToList();
        Assert.Equal(2, runs.Count);
        Assert.Equal(["participant", MacMessagesHost.Phone, "iMessage", "text", send.Text], runs[0].Arguments);
        Assert.Equal("file", runs[1].Arguments[3]);
        Assert.Equal("menu.pdf", Path.GetFileName(runs[1].Arguments[4]));
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(runs[1].Arguments[4]));
        Assert.Equal(mac.ChatDb.OwnRows()[0].Guid, providerId);

        // Asked again (a retry after a later failure), parts already in chat.db are not sent twice.
        Assert.Equal(providerId, await transport.ExecuteAsync(send));
        Assert.Equal(2, mac.Scripts.Runs.Count);
    }
}
