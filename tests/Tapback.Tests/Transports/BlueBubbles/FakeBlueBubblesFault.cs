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
}
