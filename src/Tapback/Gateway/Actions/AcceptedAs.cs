namespace Tapback.Gateway.Actions;

/// <summary>What became of an accepted action; each surface names it (REST's <c>status</c>: <c>queued</c>, <c>scheduled</c>, <c>revised</c>, <c>cancelled</c>).</summary>
internal enum AcceptedAs
{
    /// <summary>Written to the outbox; its outcome is reported when it is carried out.</summary>
    Queued,

    /// <summary>A send waiting for its <c>send_at</c>.</summary>
    Scheduled,

    /// <summary>An edit of a send still waiting to go: its text was rewritten, nothing more is sent for the edit.</summary>
    Revised,

    /// <summary>An unsend of a send still waiting to go: it was cancelled and will not be sent.</summary>
    Cancelled,
}

internal static class AcceptedAsNames
{
    /// <summary>The name every surface gives it (<c>queued</c>, <c>scheduled</c>, <c>revised</c>, <c>cancelled</c>).</summary>
    public static string ToWire(this AcceptedAs accepted) => accepted switch
    {
        AcceptedAs.Scheduled => "scheduled",
        AcceptedAs.Revised => "revised",
        AcceptedAs.Cancelled => "cancelled",
        _ => "queued",
    };
}
