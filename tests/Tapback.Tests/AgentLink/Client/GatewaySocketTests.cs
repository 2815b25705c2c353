using Tapback.AgentLink.Client;
using Tapback.AgentLink.Frames;
using Tapback.Messaging;

namespace Tapback.Tests.AgentLink.Client;

/// <summary>Send outcomes matched by clientMessageId, whichever comes first: the wait or the answer.</summary>
public sealed class GatewaySocketTests
{
    [Fact]
    public async Task WaitForOutcomeAsync_AnswerArrivesAfterwards_CompletesWithTheGatewaysId()
    {
        using var socket = new GatewaySocket();
        var waiting = socket.WaitForOutcomeAsync("turn:1:bubble:0");

        socket.Report("turn:1:bubble:0", new SendOutcome("msg_1", Error: null));

        Assert.Equal("msg_1", (await waiting).MessageId);
    }

    [Fact]
    public async Task WaitForOutcomeAsync_AnswerRedeliveredBeforeTheRetry_CompletesAtOnce()
    {
        using var socket = new GatewaySocket();
        socket.Report("turn:1:bubble:0", new SendOutcome("msg_1", Error: null));

        var waiting = socket.WaitForOutcomeAsync("turn:1:bubble:0");

        Assert.True(waiting.IsCompleted);
        Assert.Equal("msg_1", (await waiting).MessageId);
    }

    [Fact]
    public async Task SendAsync_NotConnected_ThrowsRetryable()
    {
        using var socket = new GatewaySocket();

        var error = await Assert.ThrowsAsync<TransportException>(() => socket.SendAsync(FrameTypes.MarkRead, new ChatData { ChatId = "conv_1" }, AgentLinkJsonContext.Wire.ChatData));

        Assert.True(error.Retryable);
    }
}
