namespace Tapback.Dashboard;

/// <summary>A conversation's open pause by the loop breaker, as the dashboard's banner and list show it.</summary>
internal sealed record PauseView
{
    public required string Reason { get; init; }
    public required string Kind { get; init; }
    public required int Rounds { get; init; }
    public required string Detail { get; init; }
    public bool Echo { get; init; }

    /// <summary>How long after the agent's message each counted reply came, in ms.</summary>
    public IReadOnlyList<long> ReplyTimesMs { get; init; } = [];

    /// <summary>The start of a repeated text.</summary>
    public string? Sample { get; init; }
    public required DateTimeOffset PausedAt { get; init; }

    public static PauseView Of(Gateway.Governor.Loops.ConversationPause pause) => new()
    {
        Reason = pause.Reason,
        Kind = pause.Evidence.Kind,
        Rounds = pause.Evidence.Rounds,
        Detail = pause.Evidence.Detail,
        Echo = pause.Evidence.Echo,
        ReplyTimesMs = pause.Evidence.ReplyTimesMs,
        Sample = pause.Evidence.Sample,
        PausedAt = pause.PausedAt,
    };
}
