using Tapback.Tests.Infrastructure;
using static Tapback.Tests.Agent.Tools.ToolTestHosts;

namespace Tapback.Tests.Agent.Models;

/// <summary>
/// What the model receives, byte for byte: the request bodies of a few turns (built-in tools called,
/// one of them guarded by an approval, then a plain turn) against bodies recorded before the model
/// call's per-turn work was cut (issue 23, sixth pass). A change here changes what every model is sent.
/// Set TAPBACK_RECORD_WIRE=1 to write the file anew after a deliberate change.
/// </summary>
public sealed partial class ModelRequestWireTests
{
    private static readonly string Recorded = Path.Combine(SourceDirectory(), "ModelRequestWire.recorded.txt");

    [Fact]
    public async Task Turns_WithToolsAndAnApproval_SendTheRecordedBodies()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model, new Dictionary<string, string?>
        {
            ["Tapback:Agent:RequireApproval:0"] = "current_time",
            ["Tapback:Agent:ReasoningEffort"] = "low",
        });

        model.EnqueueReplies(
            FakeReply.Calls(new FakeToolCall("react", """{"reaction":"laugh"}"""), new FakeToolCall("style_answer", "{}")),
            "Ha, good one.");
        await host.SendAsync(Phone, "why did the chicken cross the road");
        await host.WaitForRepliesAsync(Phone);

        model.EnqueueReplies(FakeReply.Call("current_time"), "It's nine.");
        await host.SendAsync(Phone, "what time is it?");
        await host.AdvanceUntilAsync(host.IsIdleAsync);

        model.EnqueueReplies("Noted.");
        await host.SendAsync(Phone, "thanks, that is all");
        await host.AdvanceUntilAsync(host.IsIdleAsync);

        var bodies = WithStableIds(string.Join("\n", model.Requests.Select(request => request.RawJson)) + "\n");
        if (Environment.GetEnvironmentVariable("TAPBACK_RECORD_WIRE") == "1")
        {
            await File.WriteAllTextAsync(Recorded, bodies);
        }

        Assert.Equal(await File.ReadAllTextAsync(Recorded), bodies);
    }

    // A message id ends in random bits; numbered by first appearance, the bodies compare run to run.
    private static string WithStableIds(string bodies)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        return MessageId().Replace(bodies, match => $"msg_{(numbers.TryGetValue(match.Value, out var n) ? n : numbers[match.Value] = numbers.Count + 1)}");
    }

    [System.Text.RegularExpressions.GeneratedRegex("msg_[0-9a-f]{32}")]
    private static partial System.Text.RegularExpressions.Regex MessageId();

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
