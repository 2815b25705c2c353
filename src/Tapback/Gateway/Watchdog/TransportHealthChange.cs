using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Gateway.Watchdog;

/// <summary>
/// One announced transition: <c>transport.degraded {transport, reason, since}</c> or
/// <c>transport.recovered {transport, since, degradedSince}</c>. Stored as a webhook delivery's
/// payload and written to agent sockets; each surface renders its own field names.
/// </summary>
internal sealed record TransportHealthChange
{
    public const string DegradedType = "transport.degraded";
    public const string RecoveredType = "transport.recovered";

    /// <summary><see cref="DegradedType"/> or <see cref="RecoveredType"/>.</summary>
    public required string Type { get; init; }

    public required string Transport { get; init; }

    /// <summary>Why it is degraded (degraded only).</summary>
    public string? Reason { get; init; }

    /// <summary>When the degradation began, or when the bridge was first seen well again.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>When the degradation recovered from began (recovered only).</summary>
    public DateTimeOffset? DegradedSince { get; init; }

    public static TransportHealthChange Degraded(string transport, string reason, DateTimeOffset since) =>
        new() { Type = DegradedType, Transport = transport, Reason = reason, Since = since };

    public static TransportHealthChange Recovered(string transport, DateTimeOffset since, DateTimeOffset degradedSince) =>
        new() { Type = RecoveredType, Transport = transport, Since = since, DegradedSince = degradedSince };
}

[JsonSerializable(typeof(TransportHealthChange))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class WatchdogJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static WatchdogJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
