namespace Tapback.Transports.BlueBubbles;

/// <summary>What became of one message from the server.</summary>
internal enum BlueBubblesIngestOutcome
{
    Stored,

    /// <summary>Already stored before (a replay, or catch-up overlapping a webhook).</summary>
    Duplicate,

    /// <summary>Nothing to store: our own send coming back, a group event, an empty message.</summary>
    Ignored,
}
