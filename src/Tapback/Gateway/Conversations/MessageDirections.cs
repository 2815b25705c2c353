namespace Tapback.Gateway.Conversations;

internal static class MessageDirections
{
    public const string Inbound = "in";
    public const string Outbound = "out";
}
