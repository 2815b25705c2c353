namespace Tapback.Agent.Approvals;

/// <summary>The <c>approvals.state</c> column's values; every state but pending is a recorded decision.</summary>
internal static class ApprovalStates
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Denied = "denied";
    public const string Expired = "expired";
    public const string Cancelled = "cancelled";
}
