namespace Tapback.Gateway.Governor.Loops;

/// <summary>
/// Holds every send of a conversation the loop breaker paused (<see cref="HoldReasons.ConversationPaused"/>),
/// with no time to look again: only a resume releases them (<see cref="ConversationResume"/>).
/// </summary>
internal sealed class PausedConversationRule(ConversationPauseStore pauses, GovernorPolicy policy) : IGovernorRule
{
    public async Task<HoldDecision?> CheckAsync(GovernedSend send, CancellationToken cancellationToken)
    {
        // The loop breaker opens pauses only where the governor governs (LoopBreakerScope), so a send on
        // any other transport (the simulator by default) has none to find: no pooled read per send there,
        // as the governor's limits read nothing there either.
        if (!policy.Governs(send.Transport))
        {
            return null;
        }

        var pause = await pauses.FindOpenAsync(send.ConversationId, cancellationToken);
        return pause is null
            ? null
            : new HoldDecision(
                HoldReasons.ConversationPaused,
                $"The loop breaker paused this conversation at {pause.PausedAt:u}: {pause.Evidence.Detail} An operator resumes it with POST /api/admin/conversations/{send.ConversationId}/resume or the dashboard's Resume button.",
                ReleaseAt: null);
    }
}
