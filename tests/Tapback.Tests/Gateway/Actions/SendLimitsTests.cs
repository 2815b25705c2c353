using Microsoft.Extensions.Options;
using Tapback.Gateway.Actions;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>The one limit on a send's text, and how it bounds the built-in agent's answer.</summary>
public sealed class SendLimitsTests
{
    private readonly SendLimits _limits = new(Options.Create(new ActionOptions { MaxBodyLength = 10 }));

    [Fact]
    public void Check_TextAtTheLimit_MayGoAndOnePastIsTooLarge()
    {
        Assert.Null(_limits.Check(new SendCommand { Chat = ChatRef.Either("+15551234567"), Text = new string('a', 10) }));

        var refused = _limits.Check(new SendCommand { Chat = ChatRef.Either("+15551234567"), Text = new string('a', 11) });

        Assert.Equal(RefusalKind.TooLarge, refused?.Kind);
        Assert.Contains("Tapback:Actions:MaxBodyLength", refused?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_BubblesPastTheLimit_KeepsTheLeadingOnesThatFit()
    {
        Assert.Null(_limits.Within(["12345", "12345"]));
        Assert.Equal(["12345", "123"], _limits.Within(["12345", "123", "12345"]));
        Assert.Equal(["1234567890"], _limits.Within(["1234567890abc", "x"]));
    }
}
