namespace Tapback.Agent.Memory;

/// <summary>
/// What building a turn's memory read of the session, handed to <see cref="Summarizer.AfterTurnAsync"/> so it
/// does not read it again: the latest summary, and the number of the session's messages up to the turn's
/// last one while the session has no summary (null once it has one: the summarizer then decides from the
/// turn count first).
/// </summary>
internal sealed record MemoryRead(Summary? Latest, long? SessionMessages);
