namespace Tapback.Diagnostics;

/// <summary>The <c>path</c> tag of <c>tapback.inbound.to_agent</c>: how the event reached its agent.</summary>
internal static class InboundPaths
{
    public const string BuiltIn = "built_in";
    public const string WebSocket = "websocket";
    public const string Webhook = "webhook";
}
