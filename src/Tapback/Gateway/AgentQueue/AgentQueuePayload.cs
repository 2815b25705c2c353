using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Gateway.AgentQueue;

/// <summary>What a status row of the agent queue carries beyond its columns, stored as JSON.</summary>
internal sealed record AgentQueuePayload
{
    /// <summary>The agent's own id of the message the status is about.</summary>
    public string? ClientMessageId { get; init; }

    public string? Error { get; init; }

    /// <summary>
    /// For a <c>message.failed</c> about a change to a sent message rather than its send: <c>edit</c>
    /// or <c>unsend</c> (the message itself stays sent).
    /// </summary>
    public string? Operation { get; init; }

    /// <summary>For a <c>message.held</c>: why the send governor holds it (a <c>HoldReasons</c> wire name).</summary>
    public string? Reason { get; init; }

    /// <summary>For a <c>message.held</c>: the sentence naming the limit and its figures.</summary>
    public string? Detail { get; init; }
}

[JsonSerializable(typeof(AgentQueuePayload))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class AgentQueueJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static AgentQueueJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
