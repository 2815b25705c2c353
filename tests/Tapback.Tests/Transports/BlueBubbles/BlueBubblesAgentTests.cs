using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Transports.BlueBubbles;

/// <summary>Tapbacks both ways through a scripted model: the agent reacts, and a 👍 on its approval bubble runs the tool.</summary>
public sealed class BlueBubblesAgentTests
{
    private const string Phone = "+15551234567";
    private const string OneToOne = "iMessage;-;+15551234567";

    [Fact]
    public async Task Tapback_LikeOnTheApprovalBubble_AgentsTapbackReachesTheUsersMessage()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, new Dictionary<string, string?>
        {
            ["Tapback:Agent:Provider"] = "openai",
            ["Tapback:Agent:BaseUrl"] = model.BaseUrl.ToString(),
            ["Tapback:Agent:ApiKey"] = model.ApiKey,
            ["Tapback:Agent:Model"] = "gpt-test",
            ["Tapback:Agent:RequireApproval:0"] = "react",
        });
        model.EnqueueReplies(new FakeReply { Text = "Lovely news!", ToolCalls = [new FakeToolCall("react", """{"reaction":"love"}""")] });

        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-JOB", Phone, "I got the job", host.Now(), OneToOne));
        await host.WaitForSendsAsync(fake, count: 2);
        var approval = fake.Sent.Single(message => message["text"]!.GetValue<string>().StartsWith("I'd like to run react", StringComparison.Ordinal));
        Assert.Empty(fake.RequestsTo("POST", "/api/v1/message/react"));
        model.EnqueueReplies("Congratulations!");

        await host.PostMessageAsync(BlueBubblesPayloads.Tapback("TB-LIKE", Phone, approval["guid"]!.GetValue<string>(), 2001, host.Now(), OneToOne));
        await host.WaitForSendsAsync(fake, count: 3);

        var react = Assert.Single(fake.RequestsTo("POST", "/api/v1/message/react"));
        Assert.Equal("IN-JOB", react.Body!["selectedMessageGuid"]!.GetValue<string>());
        Assert.Equal("love", react.Body["reaction"]!.GetValue<string>());
        Assert.Equal(OneToOne, react.Body["chatGuid"]!.GetValue<string>());
        Assert.Equal("Congratulations!", fake.Sent[^1]["text"]!.GetValue<string>());
    }
}
