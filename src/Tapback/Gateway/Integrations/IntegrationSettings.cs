using System.Text.Json;
using System.Text.Json.Serialization;
using Tapback.Messaging.Json;

namespace Tapback.Gateway.Integrations;

/// <summary>
/// Per-integration settings an operator sets through the admin API; an agent runtime serving the
/// integration reads them. Null means "the runtime's default".
/// </summary>
internal sealed record IntegrationSettings
{
    public string? BotName { get; init; }

    public bool? ShowToolCalls { get; init; }

    /// <summary>Inactivity after which the agent starts a new session.</summary>
    public TimeSpan? SessionTimeout { get; init; }

    /// <summary>A model name that overrides the runtime's configured one.</summary>
    public string? Model { get; init; }

    /// <summary>Reasoning effort: low, medium or high.</summary>
    public string? Effort { get; init; }

    public static IntegrationSettings Default { get; } = new();
}

[JsonSerializable(typeof(IntegrationSettings))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class IntegrationSettingsJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static IntegrationSettingsJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
