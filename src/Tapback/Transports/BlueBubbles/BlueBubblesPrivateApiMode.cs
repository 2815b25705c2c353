namespace Tapback.Transports.BlueBubbles;

/// <summary>Whether to use the BlueBubbles Private API (typing, read receipts, tapbacks out).</summary>
internal enum BlueBubblesPrivateApiMode
{
    /// <summary>Use it when <c>/server/info</c> says it is enabled.</summary>
    Auto,

    On,

    Off,
}
