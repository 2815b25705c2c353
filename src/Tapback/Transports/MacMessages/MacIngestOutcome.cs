namespace Tapback.Transports.MacMessages;

/// <summary>What became of one chat.db row.</summary>
internal enum MacIngestOutcome
{
    /// <summary>Given to the inbox (a repeat counts: the inbox dedupes it).</summary>
    Stored,

    /// <summary>Nothing for the inbox: our own send, a group event, an empty row.</summary>
    Ignored,

    /// <summary>Messages has not finished writing it (its chat link or its file is missing): read it again next poll.</summary>
    NotReady,
}
