using Tapback.Agent.Approvals;

namespace Tapback.Tests.Agent.Approvals;

public sealed class ApprovalRepliesTests
{
    [Theory]
    [InlineData("yes")]
    [InlineData("Y")]
    [InlineData("yeah!")]
    [InlineData("Sure.")]
    [InlineData("OK")]
    [InlineData("approve")]
    [InlineData("go ahead")]
    [InlineData("👍")]
    public void TryRead_YesVariant_Allows(string text)
    {
        Assert.True(ApprovalReplies.TryRead(text, out var allow));
        Assert.True(allow);
    }

    [Theory]
    [InlineData("no")]
    [InlineData("N")]
    [InlineData("nope")]
    [InlineData("Deny")]
    [InlineData("cancel!")]
    [InlineData("stop")]
    [InlineData("don’t")]
    public void TryRead_NoVariant_Denies(string text)
    {
        Assert.True(ApprovalReplies.TryRead(text, out var allow));
        Assert.False(allow);
    }

    [Theory]
    [InlineData("yes but only the old ones")]
    [InlineData("what does it do?")]
    [InlineData("")]
    public void TryRead_OtherText_IsNotAnAnswer(string text) => Assert.False(ApprovalReplies.TryRead(text, out _));
}
