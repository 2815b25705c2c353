using Tapback.Agent.Turns;
using Tapback.Messaging;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Turns;

/// <summary>
/// The built-in agent answers in thread and with effects only where the transport carries them
/// (<c>style_answer</c>), and an SMS-only phone gets short answers with neither, nor tapbacks.
/// </summary>
public sealed class StyleAnswerTests
{
    private static readonly TransportCapabilities Everything = new() { Typing = true, ReadReceipts = true, TapbacksSent = true, Replies = true, Effects = true };

    [Fact]
    public async Task StyleAnswer_ReplyToAndEffect_TheAnswersBubblesGoInThreadAndTheFirstWithTheEffect()
    {
        await using var kit = await PersonChangesKit.StartAsync(Everything);
        kit.Model.Hold();
        var birthday = await kit.SendAsync("it's my birthday today!");
        await kit.SendAsync("also, what time is it");
        await kit.Host.AdvanceUntilAsync(() => Task.FromResult(kit.Model.RequestCount >= 1));
        kit.Model.EnqueueReplies(
            FakeReply.Call("style_answer", $$"""{"reply_to":"{{birthday}}","effect":"balloons"}"""),
            "Happy birthday!\n\nHave a wonderful day.");
        kit.Model.Release();
        await kit.WaitForTurnsAsync(2);

        Assert.Equal(["react", "style_answer", "current_time", "ask_user"], kit.Model.Requests[0].Tools);
        Assert.Contains(birthday, kit.Model.Requests[0].RawJson, StringComparison.Ordinal);
        Assert.Contains("inline reply to that message, with the balloons effect", kit.Model.Requests[1].Messages[^1].Text, StringComparison.Ordinal);
        var sends = kit.Sends;
        Assert.Equal(["Happy birthday!", "Have a wonderful day."], sends.Select(send => send.Text));
        Assert.All(sends, send => Assert.Equal(birthday, send.ReplyTo));
        Assert.Equal([MessageEffect.Balloons, null], sends.Select(send => send.Effect));
        Assert.Equal([birthday, birthday], await kit.QueryAsync<string>("SELECT reply_to FROM messages WHERE direction = 'out' ORDER BY seq"));
    }

    [Fact]
    public async Task StyleAnswer_UnknownEffectOrAnotherChatsMessage_ToolSaysWhyAndTheAnswerGoesPlainly()
    {
        await using var kit = await PersonChangesKit.StartAsync(Everything);
        var elsewhere = await kit.SendAsync("hi from another phone", from: "+15551230421");
        await kit.WaitForTurnsAsync(1);
        kit.Model.EnqueueReplies(
            FakeReply.Call("style_answer", """{"effect":"glitter"}"""),
            FakeReply.Call("style_answer", $$"""{"reply_to":"{{elsewhere}}"}"""),
            "Hello!");
        await kit.SendAsync("hello");
        await kit.WaitForTurnsAsync(4);

        Assert.Contains("'glitter' is not an effect", kit.Model.Requests[2].Messages[^1].Text, StringComparison.Ordinal);
        Assert.StartsWith("Not done:", kit.Model.Requests[3].Messages[^1].Text, StringComparison.Ordinal);
        var answer = kit.Sends[^1];
        Assert.Equal(("Hello!", null, null), (answer.Text, answer.ReplyTo, answer.Effect));
    }

    [Theory]
    [InlineData(false, false, null)]
    [InlineData(true, false, "reply_to")]
    [InlineData(false, true, "effect")]
    public async Task StyleAnswer_OfferedOnlyWithWhatTheTransportCarries(bool replies, bool effects, string? argument)
    {
        await using var kit = await PersonChangesKit.StartAsync(new TransportCapabilities { TapbacksSent = true, Replies = replies, Effects = effects });
        await kit.SendAsync("hi");
        await kit.WaitForTurnsAsync(1);

        var request = kit.Model.Requests[0];
        Assert.Equal(argument is not null, request.Tools.Contains("style_answer"));
        Assert.Equal(replies, request.RawJson.Contains("\"reply_to\"", StringComparison.Ordinal));
        Assert.Equal(effects, request.RawJson.Contains("\"effect\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SmsOnlyPhone_NoTapbacksEffectsOrThreads_ShortInstructionsAndBubblesOfOneSegment()
    {
        await using var kit = await PersonChangesKit.StartAsync(Everything);
        var longAnswer = string.Join(' ', Enumerable.Repeat("This sentence is here to make the answer long.", 8));
        kit.Model.EnqueueReplies(longAnswer);
        await kit.SendAsync("tell me everything", service: MessageServices.Sms);
        await kit.WaitForTurnsAsync(1);

        var request = kit.Model.Requests[0];
        Assert.Equal(["current_time", "ask_user"], request.Tools);
        Assert.Contains(PromptBuilder.SmsInstructions, request.System, StringComparison.Ordinal);
        Assert.True(kit.Sends.Count > 1);
        Assert.All(kit.Sends, send => Assert.InRange(send.Text.Length, 1, TurnOutcomeWriter.SmsBubbleLength));

        // Back on iMessage, everything is offered again and the prompt says nothing of SMS.
        await kit.SendAsync("and now?", service: MessageServices.IMessage);
        await kit.WaitForTurnsAsync(2);
        Assert.Equal(["react", "style_answer", "current_time", "ask_user"], kit.Model.Requests[1].Tools);
        Assert.DoesNotContain(PromptBuilder.SmsInstructions, kit.Model.Requests[1].System, StringComparison.Ordinal);
    }
}
