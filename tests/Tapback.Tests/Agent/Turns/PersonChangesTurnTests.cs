using Tapback.Agent.Turns;
using Tapback.Messaging;

namespace Tapback.Tests.Agent.Turns;

/// <summary>
/// The person's edits, unsends and inline replies as the built-in agent sees them: never a new message
/// to answer, always what the model reads next.
/// </summary>
public sealed class PersonChangesTurnTests
{
    private static readonly TransportCapabilities Capabilities = new() { Typing = true, ReadReceipts = true, TapbacksSent = true, Replies = true, Edits = true, Unsends = true };

    [Fact]
    public async Task Edit_OfAnAnsweredMessage_IsNotAnsweredAndTheNextTurnSeesTheNewText()
    {
        await using var kit = await PersonChangesKit.StartAsync(Capabilities);
        var first = await kit.SendAsync("see you at 5");
        await kit.WaitForTurnsAsync(1);

        Assert.True(await kit.EditAsync(first, "see you at 6"));
        await kit.WaitUntilIdleAsync();
        await kit.SendAsync("ok?");
        await kit.WaitForTurnsAsync(2);

        Assert.Equal(2, kit.Model.RequestCount);
        Assert.Equal(2, kit.Sends.Count);
        var history = kit.History(1);
        Assert.Contains("see you at 6", history, StringComparison.Ordinal);
        Assert.Contains(MessageRenderer.EditedNote, history, StringComparison.Ordinal);
        Assert.DoesNotContain("see you at 5", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_BeforeItsTurnStarts_TheTurnAnswersTheNewTextOnce()
    {
        await using var kit = await PersonChangesKit.StartAsync(Capabilities);
        var typo = await kit.SendAsync("what's the wether?");
        Assert.True(await kit.EditAsync(typo, "what's the weather?"));
        await kit.WaitForTurnsAsync(1);

        Assert.Equal(1, kit.Model.RequestCount);
        Assert.Single(kit.Sends);
        Assert.Contains("what's the weather?", kit.Model.Requests[0].LastUserText, StringComparison.Ordinal);
        Assert.DoesNotContain("wether", kit.History(0), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsend_BeforeItsTurnStarts_NothingIsAnswered()
    {
        await using var kit = await PersonChangesKit.StartAsync(Capabilities);
        var wrong = await kit.SendAsync("wrong chat, sorry");
        Assert.True(await kit.UnsendAsync(wrong));
        await kit.WaitUntilIdleAsync();

        Assert.Equal(0, kit.Model.RequestCount);
        Assert.Empty(kit.Sends);
        Assert.Equal(["done", "done"], await kit.QueryAsync<string>("SELECT state FROM agent_queue WHERE link = 'builtin' ORDER BY seq"));
    }

    [Fact]
    public async Task Unsend_OfAnAnsweredMessage_IsNotAnsweredAndLeavesTheModelsContext()
    {
        await using var kit = await PersonChangesKit.StartAsync(Capabilities);
        var secret = await kit.SendAsync("my pin is 4321");
        await kit.WaitForTurnsAsync(1);

        Assert.True(await kit.UnsendAsync(secret));
        await kit.WaitUntilIdleAsync();
        await kit.SendAsync("what did I just tell you?");
        await kit.WaitForTurnsAsync(2);

        Assert.Equal(2, kit.Model.RequestCount);
        Assert.Contains("my pin is 4321", kit.History(0), StringComparison.Ordinal);
        Assert.DoesNotContain("4321", kit.History(1), StringComparison.Ordinal);
        Assert.Contains("what did I just tell you?", kit.History(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsend_OfAMessageASummaryFoldedIn_DropsThatSummaryAndKeepsTheOneBefore()
    {
        await using var kit = await PersonChangesKit.StartAsync(Capabilities);
        await kit.SendAsync("hello");
        await kit.WaitForTurnsAsync(1);
        var secret = await kit.SendAsync("my pin is 4321");
        await kit.WaitForTurnsAsync(2);
        var session = (await kit.QueryAsync<string>("SELECT id FROM sessions")).Single();
        var conversation = (await kit.QueryAsync<string>("SELECT conversation_id FROM messages WHERE id = @secret", new { secret })).Single();
        var seq = (await kit.QueryAsync<long>("SELECT seq FROM messages WHERE id = @secret", new { secret })).Single();
        await kit.ExecuteAsync(
            """
            INSERT INTO summaries (id, session_id, conversation_id, upto_seq, turn_count, body, created_at) VALUES
                ('sum_before', @session, @conversation, @before, 1, 'They said hello.', 0),
                ('sum_with', @session, @conversation, @with, 2, 'They said hello; their pin is 4321.', 0)
            """,
            new { session, conversation, before = seq - 1, with = seq + 1 });

        Assert.True(await kit.UnsendAsync(secret));
        await kit.WaitUntilIdleAsync();
        await kit.SendAsync("and now?");
        await kit.WaitForTurnsAsync(3);

        Assert.Equal(["sum_before"], await kit.QueryAsync<string>("SELECT id FROM summaries ORDER BY id"));
        Assert.Contains("They said hello.", kit.Model.Requests[2].System, StringComparison.Ordinal);
        Assert.DoesNotContain("4321", kit.Model.Requests[2].System + kit.History(2), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_ToTheAgentsBubble_ModelSeesTheQuotedMessageBeforeTheReply()
    {
        await using var kit = await PersonChangesKit.StartAsync(Capabilities);
        kit.Model.EnqueueReplies("Pasta or curry tonight?");
        await kit.SendAsync("dinner ideas?");
        await kit.WaitForTurnsAsync(1);
        var bubble = (await kit.QueryAsync<string>("SELECT id FROM messages WHERE direction = 'out'")).Single();

        await kit.SendAsync("that one, curry", replyTo: bubble);
        await kit.WaitForTurnsAsync(2);

        Assert.Contains("[Replying to your message: \"Pasta or curry tonight?\"]\nthat one, curry", kit.Model.Requests[1].LastUserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_ToTheirOwnMessageInTheSameTurn_ModelSeesItQuotedAsTheirOwn()
    {
        await using var kit = await PersonChangesKit.StartAsync(Capabilities);
        var first = await kit.SendAsync("book the table for friday");
        await kit.SendAsync("actually make it saturday", replyTo: first);
        await kit.WaitForTurnsAsync(1);

        Assert.Equal(1, kit.Model.RequestCount);
        Assert.Contains(
            "book the table for friday\n[Replying to their own message: \"book the table for friday\"]\nactually make it saturday",
            kit.Model.Requests[0].LastUserText,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_ToAnUnsentMessage_ModelIsToldItWasUnsentNotWhatItSaid()
    {
        await using var kit = await PersonChangesKit.StartAsync(Capabilities);
        var gone = await kit.SendAsync("call me at 555 0199");
        await kit.WaitForTurnsAsync(1);
        await kit.UnsendAsync(gone);
        await kit.WaitUntilIdleAsync();

        await kit.SendAsync("ignore that", replyTo: gone);
        await kit.WaitForTurnsAsync(2);

        Assert.Contains("[Replying to a message that was unsent.]", kit.Model.Requests[1].LastUserText, StringComparison.Ordinal);
        Assert.DoesNotContain("0199", kit.History(1), StringComparison.Ordinal);
    }
}
