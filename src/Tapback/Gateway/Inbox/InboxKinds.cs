namespace Tapback.Gateway.Inbox;

/// <summary>The <c>inbox.kind</c> values: what an inbound event was, recorded with its id to drop repeats.</summary>
internal static class InboxKinds
{
    public const string Message = "message";
    public const string Reaction = "reaction";
    public const string Status = "status";
    public const string Edit = "edit";
    public const string Unsend = "unsend";
}
