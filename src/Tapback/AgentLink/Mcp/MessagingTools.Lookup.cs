using System.ComponentModel;
using ModelContextProtocol.Server;
using Tapback.AgentLink.Rest;
using Tapback.Gateway.Actions;

namespace Tapback.AgentLink.Mcp;

internal sealed partial class MessagingTools
{
    /// <summary>Whether the paired phone is on iMessage, through <see cref="AgentActions.LookupAsync"/>, as REST's <c>GET /v2/handles/{handle}</c>.</summary>
    [McpServerTool(Name = "lookup_handle", Title = "Is this phone on iMessage?", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Says whether the paired phone is on iMessage (imessage: true), SMS only (false) or unknown (null), with when the transport was asked (checked_at); a recent answer is reused. Only the paired phone can be looked up.")]
    public async Task<HandleLookupDto> LookupHandleAsync(
        [Description("The paired phone number in E.164, e.g. +15551234567 (or its email handle).")] string handle,
        CancellationToken cancellationToken = default)
    {
        var (answer, refusal) = await actions.LookupAsync(Caller, handle ?? string.Empty, cancellationToken);
        return answer is null
            ? throw Refuse("lookup_handle", refusal!.Reason)
            : HandleLookupDto.Of(answer);
    }
}
