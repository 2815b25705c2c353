using Tapback.Agent.Turns;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Faults;

/// <summary>
/// The model fails or hangs: transient errors are retried a bounded number of times (the OpenAI
/// SDK's own retry policy), then the person gets one short apology, typing stops, and the turn ends.
/// </summary>
public sealed class ModelFaultTests
{
    private const string Phone = "+15550300001";

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Turn_ModelFailsTransientlyTwice_RetriesAndAnswers(int status)
    {
        await using var model = new FakeOpenAIServer();
        await model.StartAsync();
        model.EnqueueReplies(FakeReply.Fail(status), FakeReply.Fail(status), "The real answer.");
        await using var host = await TapbackTestHost.StartWithModelAsync(model);

        await host.SendAsync(Phone, "hello");
        var events = await host.WaitForRepliesAsync(Phone);

        Assert.Equal(3, model.RequestCount);
        Assert.Equal(["The real answer."], Bubbles(events));
        AssertTypingStopped(events);
    }

    [Fact]
    public async Task Turn_ModelKeepsFailing_OneApologyAfterBoundedRetries()
    {
        await using var model = new FakeOpenAIServer();
        await model.StartAsync();
        model.Script = _ => FakeReply.Fail(500);
        await using var host = await TapbackTestHost.StartWithModelAsync(model);

        await host.SendAsync(Phone, "hello");
        var events = await host.WaitForRepliesAsync(Phone);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await host.AdvanceUntilAsync(host.IsIdleAsync);

        // One call and the SDK's three retries; then the turn is over and nothing asks again.
        Assert.Equal(4, model.RequestCount);
        Assert.Equal([TurnRunner.ModelTroubleReply], Bubbles(await host.EventsAsync(Phone)));
        AssertTypingStopped(events);
    }

    [Fact]
    public async Task Turn_ModelHangs_OneApologyWhenTheModelTimeoutPasses()
    {
        await using var model = new FakeOpenAIServer();
        await model.StartAsync();
        model.Hold();
        // The model timeout runs on real time (the SDK's network timeout and a CancelAfter), so it is short here.
        await using var host = await TapbackTestHost.StartWithModelAsync(model, new Dictionary<string, string?> { ["Tapback:Agent:ModelTimeout"] = "00:00:01" });

        await host.SendAsync(Phone, "are you there?");
        var events = await host.WaitForRepliesAsync(Phone);

        Assert.Equal([TurnRunner.ModelTroubleReply], Bubbles(events));
        Assert.Contains(events, e => e.Type == "typing.started");
        AssertTypingStopped(events);
        model.Release();
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await host.AdvanceUntilAsync(host.IsIdleAsync);
        Assert.Equal([TurnRunner.ModelTroubleReply], Bubbles(await host.EventsAsync(Phone)));
    }

    private static List<string?> Bubbles(IReadOnlyList<PhoneEventDto> events) =>
        [.. events.Where(e => e.Type == "message.received").Select(e => e.Text)];

    /// <summary>Typing is never left on: no "typing started" after the last bubble.</summary>
    private static void AssertTypingStopped(IReadOnlyList<PhoneEventDto> events)
    {
        var lastBubble = events.ToList().FindLastIndex(e => e.Type == "message.received");
        Assert.DoesNotContain(events.Skip(lastBubble + 1), e => e.Type == "typing.started");
    }
}
