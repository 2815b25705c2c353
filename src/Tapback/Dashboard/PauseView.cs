using Tapback.Gateway.Governor.Loops;

namespace Tapback.Dashboard;

/// <summary>A conversation's open pause by the loop breaker, as the dashboard's banner and lists show it: why, since when, and the evidence whole.</summary>
internal sealed record PauseView(string Reason, DateTimeOffset PausedAt, LoopEvidence Evidence)
{
    public static PauseView Of(ConversationPause pause) => new(pause.Reason, pause.PausedAt, pause.Evidence);
}
