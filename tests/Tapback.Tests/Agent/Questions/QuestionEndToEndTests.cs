using Tapback.Tests.Agent.Tools;
using Tapback.Tests.Infrastructure;
using static Tapback.Tests.Agent.Tools.ToolTestHosts;

namespace Tapback.Tests.Agent.Questions;

/// <summary><c>ask_user</c> through the simulator: a numbered list out, the reply mapped back to the model.</summary>
public sealed class QuestionEndToEndTests
{
    private const string AskDay = """{"question":"Which day suits you?","options":["Monday","Tuesday","Friday"]}""";

    [Fact]
    public async Task AskUser_ModelAsks_QuestionOptionsAndHintArriveAsBubbles()
    {
        await using var s = await StartAsync();

        var bubbles = Bubbles(await s.Host.WaitForRepliesAsync(Phone, count: 5));

        Assert.Equal(
            ["Which day suits you?", "1. Monday", "2. Tuesday", "3. Friday", "Reply with a number or type your answer."],
            bubbles.Select(bubble => bubble.Text));
        Assert.Equal(1, s.Model.RequestCount);
    }

    [Theory]
    [InlineData("2", "The person chose option 2: \"Tuesday\".")]
    [InlineData("3.", "The person chose option 3: \"Friday\".")]
    [InlineData("monday", "The person chose option 1: \"Monday\".")]
    [InlineData("next week would be better", "The person did not pick one of the options; they replied: \"next week would be better\"")]
    public async Task Reply_ByNumberLabelOrFreeText_TheModelSeesWhatWasChosen(string reply, string seen)
    {
        await using var s = await StartAsync();
        await s.Host.WaitForRepliesAsync(Phone, count: 5);
        s.Model.EnqueueReplies("Booked.");

        await s.Host.SendAsync(Phone, reply);
        var bubbles = Bubbles(await s.Host.WaitForRepliesAsync(Phone, count: 6));

        Assert.Equal("Booked.", bubbles[^1].Text);
        var resumed = s.Model.Requests[^1];
        var result = Assert.Single(resumed.Messages, message => message.Role == "tool");
        Assert.Equal(seen, result.Text);
        Assert.Equal("ask_user", resumed.Messages.Single(message => message.ToolCallNames is not null).ToolCallNames);
        Assert.DoesNotContain(resumed.Messages, message => message.Role == "user" && message.Text == reply);
        Assert.Equal([reply], await QueryAsync<string>(s.Host, "SELECT answer FROM questions WHERE state = 'answered'"));
    }

    [Fact]
    public async Task Reply_AfterTheAnswer_IsANewMessageNotAnotherAnswer()
    {
        await using var s = await StartAsync();
        await s.Host.WaitForRepliesAsync(Phone, count: 5);
        s.Model.EnqueueReplies("Booked.", "You're welcome.");

        await s.Host.SendAsync(Phone, "1");
        await s.Host.WaitForRepliesAsync(Phone, count: 6);
        await s.Host.SendAsync(Phone, "thanks");
        await s.Host.WaitForRepliesAsync(Phone, count: 7);

        Assert.Equal(new FakeChatMessage("user", "thanks"), s.Model.Requests[^1].Messages[^1]);
    }

    private static async Task<Scenario> StartAsync()
    {
        var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        var host = await ToolTestHosts.StartAsync(model);
        model.EnqueueReplies(FakeReply.Call("ask_user", AskDay));
        await host.SendAsync(Phone, "book me a haircut");
        return new Scenario(model, host);
    }

    private sealed record Scenario(FakeOpenAIServer Model, TapbackTestHost Host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await Model.DisposeAsync();
        }
    }
}
