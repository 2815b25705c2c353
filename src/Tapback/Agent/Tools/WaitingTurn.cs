using Tapback.Agent.Approvals;
using Tapback.Agent.Questions;

namespace Tapback.Agent.Tools;

/// <summary>A conversation's waiting turn with the state of what it waits for.</summary>
internal sealed record WaitingTurn(PausedTurn Turn, IReadOnlyList<Approval> Approvals, PendingQuestion? Question)
{
    public bool IsApproval => Turn.Kind == PausedTurn.ApprovalKind;

    /// <summary>An approval ran out of time: the turn ends without running anything and the person is told.</summary>
    public bool IsExpired => IsApproval && Approvals.Any(approval => approval.State == ApprovalStates.Expired);

    /// <summary>Every approval is decided (none expired), or the question is answered: the turn can resume.</summary>
    public bool IsReady => IsApproval
        ? Approvals.Count > 0 && Approvals.All(approval => !approval.IsPending) && !IsExpired
        : Question is { IsPending: false, AnswerMessageId: not null };

    public IReadOnlyList<Approval> Pending => [.. Approvals.Where(approval => approval.IsPending)];
}
