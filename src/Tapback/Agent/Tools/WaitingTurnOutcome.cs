namespace Tapback.Agent.Tools;

/// <summary>What a person's message did to a waiting turn.</summary>
internal enum WaitingTurnOutcome
{
    /// <summary>It answered the waiting turn ("yes", "no", a question's answer) and needs no answer of its own.</summary>
    Answered,

    /// <summary>It is a new message for the model (after denying any pending approval).</summary>
    NewMessage,
}
