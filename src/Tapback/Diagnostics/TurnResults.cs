namespace Tapback.Diagnostics;

/// <summary>The <c>result</c> tag of <c>tapback.agent.turns</c>.</summary>
internal static class TurnResults
{
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}
