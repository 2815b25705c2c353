using Tapback.Gateway.Conversations;
using Tapback.Gateway.Integrations;

namespace Tapback.Gateway.Actions;

/// <summary>
/// Who acts: a paired integration through one of its surfaces (reaching its phone's chats), the
/// built-in agent inside the turn it runs (reaching that turn's conversation only), or the operator
/// holding the admin credential (any conversation, named by its id).
/// </summary>
internal sealed record ActionCaller
{
    private ActionCaller()
    {
    }

    /// <summary>The integration acting; null for the built-in agent.</summary>
    public Integration? Integration { get; private init; }

    /// <summary>The built-in agent's turn conversation: the one chat it may act in.</summary>
    public Conversation? Turn { get; private init; }

    /// <summary>True for the operator (the admin credential, from the dashboard or <c>/api/admin</c>).</summary>
    public bool IsOperator { get; private init; }

    /// <summary>The surface's short name, which starts its outbox keys (<c>ws</c>, <c>rest</c>, <c>mcp</c>).</summary>
    public required string Surface { get; init; }

    /// <summary>Whose idempotency keys these are: two integrations never share a key.</summary>
    public string Scope => Integration?.Id ?? (IsOperator ? Surfaces.Operator : Surfaces.BuiltIn);

    /// <summary>The agent link that hears a send's outcome (<c>message.sent</c> / <c>message.failed</c>).</summary>
    public string? ReportTo => Integration?.Link;

    public static ActionCaller Of(Integration integration, string surface) => new() { Integration = integration, Surface = surface };

    public static ActionCaller BuiltIn(Conversation turn) => new() { Turn = turn, Surface = Surfaces.BuiltIn };

    /// <summary>The operator: one admin credential, so one key scope; its sends report to no agent link.</summary>
    public static ActionCaller Operator() => new() { IsOperator = true, Surface = Surfaces.Operator };

    /// <summary>
    /// The outbox key of an action: an integration's start with its surface and id (<c>rest:&lt;id&gt;:send:&lt;key&gt;</c>,
    /// the formats rows were written with before the core); the operator's are <c>operator:send:&lt;key&gt;</c>;
    /// the built-in agent's keys come from its turn already.
    /// </summary>
    public string OutboxKey(string operation, string detail) =>
        Integration is not null ? $"{Surface}:{Integration.Id}:{operation}:{detail}"
        : IsOperator ? $"{Surface}:{operation}:{detail}"
        : detail;

    public static class Surfaces
    {
        public const string WebSocket = "ws";
        public const string Rest = "rest";
        public const string Mcp = "mcp";
        public const string BuiltIn = "agent";
        public const string Operator = "operator";
    }
}
