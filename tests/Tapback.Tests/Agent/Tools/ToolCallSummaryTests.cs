using System.Text.Json;
using Microsoft.Extensions.AI;
using Tapback.Agent.Tools;

namespace Tapback.Tests.Agent.Tools;

public sealed class ToolCallSummaryTests
{
    [Fact]
    public void Bubble_NoArguments_IsTheToolName() => Assert.Equal("🔧 current_time", ToolCallSummary.Bubble("current_time", null));

    [Fact]
    public void Bubble_JsonArguments_OneLineWithStringsQuoted()
    {
        var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>("""{"path":"a\nb.txt","force":true,"n":3}""")!;

        Assert.Equal("🔧 delete: path: \"a b.txt\", force: true, n: 3", ToolCallSummary.Bubble("delete", arguments));
    }

    [Fact]
    public void Arguments_Long_CutWithAnEllipsis()
    {
        var summary = ToolCallSummary.Arguments(new Dictionary<string, object?> { ["text"] = new string('x', 500) }, maxLength: 40);

        Assert.Equal(40, summary.Length);
        Assert.EndsWith("…", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Transcript_ApprovalRequest_SurvivesTheRoundTripWithItsCall()
    {
#pragma warning disable MEAI001
        var call = new FunctionCallContent("call_1", "delete_note", new Dictionary<string, object?> { ["name"] = "shopping" });
        var messages = new List<ChatMessage>
        {
            new(ChatRole.User, "delete it"),
            new(ChatRole.Assistant, [new ToolApprovalRequestContent("ficc_call_1", call) { RequiresConfirmation = false }]),
        };

        var back = ModelTranscript.Deserialize(ModelTranscript.Serialize(messages));

        var request = Assert.IsType<ToolApprovalRequestContent>(Assert.Single(back[1].Contents));
        Assert.False(request.RequiresConfirmation);
#pragma warning restore MEAI001
        var restored = Assert.IsType<FunctionCallContent>(request.ToolCall);
        Assert.Equal(("call_1", "delete_note", "shopping"), (restored.CallId, restored.Name, restored.Arguments!["name"]!.ToString()));
    }
}
