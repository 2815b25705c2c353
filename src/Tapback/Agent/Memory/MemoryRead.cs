namespace Tapback.Agent.Memory;

/// <summary>
/// What building a turn's memory read of the session, handed to <see cref="Summarizer.AfterTurnAsync"/> so it
/// does not read it again: the latest summary, and the number of the session's messages up to the turn's
/// last one when the verbatim window held all of them (null when it was full and the number is unknown).
/// </summary>
internal sealed record MemoryRead(Summary? Latest, long? SessionMessages);
