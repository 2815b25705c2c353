namespace Tapback.Hosting.Network;

/// <summary>What <see cref="NetworkExposure"/> decided: the bound addresses, the reachable ones, and whether a proxy is declared.</summary>
internal sealed record NetworkExposureDecision(IReadOnlyList<string> Addresses, IReadOnlyList<string> ReachableAddresses, bool BehindProxy)
{
    /// <summary>Before the server has bound anything nothing is known, and nothing is taken for local.</summary>
    public static readonly NetworkExposureDecision NotStarted = new([], [], BehindProxy: false) { IsKnown = false };

    public bool IsKnown { get; private init; } = true;

    /// <summary>True when a request may come from another machine; false only when every listener is loopback and no proxy relays to it.</summary>
    public bool OnNetwork => !IsKnown || BehindProxy || ReachableAddresses.Count > 0 || Addresses.Count == 0;

    public static NetworkExposureDecision Decide(IReadOnlyList<string> addresses, bool behindProxy) =>
        new(addresses, ListenAddresses.Reachable(addresses), behindProxy);
}
