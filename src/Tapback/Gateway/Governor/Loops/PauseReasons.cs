namespace Tapback.Gateway.Governor.Loops;

/// <summary>The <c>reason</c> of <c>conversation.paused</c>: why a conversation's agent was paused.</summary>
internal static class PauseReasons
{
    /// <summary>The conversation looks like two programs talking.</summary>
    public const string LoopSuspected = "loop_suspected";
}
