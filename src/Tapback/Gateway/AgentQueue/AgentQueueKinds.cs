namespace Tapback.Gateway.AgentQueue;

internal static class AgentQueueKinds
{
    public const string Message = "message";
    public const string Reaction = "reaction";
}
