namespace Tapback.Gateway.Governor;

/// <summary>
/// One of the send governor's rules (the limits of <c>Tapback:Governor</c>, the loop breaker's pause).
/// The dispatcher asks every registered rule before a send goes out; the first that answers a
/// <see cref="HoldDecision"/> holds the send. Rules only read: counting a send that went out is the
/// governor's, after the send is handed to its transport.
/// </summary>
internal interface IGovernorRule
{
    Task<HoldDecision?> CheckAsync(GovernedSend send, CancellationToken cancellationToken);
}
