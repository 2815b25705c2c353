using System.Text;

namespace Tapback.Client.Tests.Agent;

/// <summary>
/// The frames of this wave's events, in the shapes pinned for every surface (message.held, the loop
/// breaker's pause and resume, the watchdog's transport reports), read into their records; and the
/// frames a client cannot read, handed over rather than dropped.
/// </summary>
public sealed class EventReaderTests
{
    [Fact]
    public void Read_MessageHeld_KeepsReasonDetailAndKey()
    {
        var held = Assert.IsType<MessageHeldEvent>(Read("""{"type":"message.held","seq":9,"data":{"messageId":"msg_1","chatId":"conv_1","clientMessageId":"c-1","reason":"unanswered_limit","detail":"three unanswered"}}"""));

        Assert.Equal((9L, "msg_1", "conv_1", "c-1", "unanswered_limit", "three unanswered"), (held.Seq!.Value, held.MessageId, held.ChatId, held.ClientMessageId, held.Reason, held.Detail));
    }

    [Fact]
    public void Read_ConversationPausedAndResumed_KeepEvidenceAndTimes()
    {
        var paused = Assert.IsType<ConversationPausedEvent>(Read("""{"type":"conversation.paused","seq":1,"data":{"chatId":"conv_1","reason":"loop_suspected","evidence":{"kind":"repeated_text","rounds":4,"detail":"the same text four times"},"pausedAt":"2026-11-23T09:00:00+00:00"}}"""));
        var resumed = Assert.IsType<ConversationResumedEvent>(Read("""{"type":"conversation.resumed","seq":2,"data":{"chatId":"conv_1","resumedAt":"2026-11-23T10:00:00+00:00"}}"""));

        Assert.Equal(("repeated_text", 4), (paused.Evidence!.Kind, paused.Evidence.Rounds));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), paused.PausedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), resumed.ResumedAt);
    }

    [Fact]
    public void Read_TransportDegradedAndRecovered_KeepTheirTimes()
    {
        var degraded = Assert.IsType<TransportDegradedEvent>(Read("""{"type":"transport.degraded","data":{"transport":"home-mac","reason":"no event for 10 minutes","since":"2026-11-23T09:00:00+00:00"}}"""));
        var recovered = Assert.IsType<TransportRecoveredEvent>(Read("""{"type":"transport.recovered","data":{"transport":"home-mac","since":"2026-11-23T09:30:00+00:00","degradedSince":"2026-11-23T09:00:00+00:00"}}"""));

        Assert.Equal(("home-mac", "no event for 10 minutes"), (degraded.Transport, degraded.Reason));
        Assert.Equal(degraded.Since, recovered.DegradedSince);
    }

    [Theory]
    [InlineData("""{"type":"something.new","seq":3,"data":{"x":1}}""")]
    [InlineData("""{"type":"message.received","seq":3,"data":{"chatId":"conv_1"}}""")]
    public void Read_UnknownOrUnreadable_IsAnUnknownEventWithItsSeq(string frame)
    {
        var unknown = Assert.IsType<UnknownEvent>(Read(frame));

        Assert.Equal(3, unknown.Seq);
    }

    [Fact]
    public void Parse_NotAnObjectWithAType_IsNull()
    {
        Assert.Null(FrameCodec.Parse(Encoding.UTF8.GetBytes("[1,2]")));
        Assert.Null(FrameCodec.Parse(Encoding.UTF8.GetBytes("{\"data\":{}}")));
        Assert.Null(FrameCodec.Parse(Encoding.UTF8.GetBytes("not json")));
    }

    private static TapbackEvent Read(string frame) => EventReader.Read(FrameCodec.Parse(Encoding.UTF8.GetBytes(frame))!);
}
