namespace Tapback.Tests.Transports.BlueBubbles;

/// <summary>How the fake answers one request instead of its normal answer.</summary>
internal sealed record FakeBlueBubblesFault
{
    /// <summary>The status to answer with (and a BlueBubbles error body), when not hanging or dropping.</summary>
    public int Status { get; init; } = 500;

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Never answer (until the client gives up).</summary>
    public bool Hang { get; init; }

    /// <summary>Cut the connection without an answer.</summary>
    public bool Drop { get; init; }

    /// <summary>Carry the request out first (the message is in the chat), then fail: the outcome the client cannot know.</summary>
    public bool AfterSending { get; init; }

    public string Error { get; init; } = "Failed to send message! See attached message error code.";

    /// <summary>
    /// Keep sending after the client gave up (hang, with the tempGuid in the server's send cache):
    /// a repeat of that tempGuid is refused with 400 "already queued" until <see cref="FakeBlueBubblesServer.FinishPendingSends"/>.
    /// </summary>
    public bool KeepsSending { get; init; }

    /// <summary>Messages' own error code on the failed message the server puts in <c>data</c> (22, for a failing Messages.app).</summary>
    public int? MessagesError { get; init; }
}
