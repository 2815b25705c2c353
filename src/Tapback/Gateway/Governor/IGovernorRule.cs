namespace Tapback.Gateway.Governor;

/// <summary>
/// One of the send governor's rules (the limits of <c>Tapback:Governor</c>, the loop breaker's pause).
/// The dispatcher asks every registered rule before a send goes out; the first that answers a
/// <see cref="HoldDecision"/> holds the send. Rules only read: the governor counts a send in the same
/// write that marks it in flight, just before it is handed to its transport (a send that then fails still
/// counts: the conservative side).
/// </summary>
internal interface IGovernorRule
{
    Task<HoldDecision?> CheckAsync(GovernedSend send, CancellationToken cancellationToken);
}
