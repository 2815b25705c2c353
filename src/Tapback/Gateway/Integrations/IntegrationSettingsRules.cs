namespace Tapback.Gateway.Integrations;

/// <summary>What an integration's settings and agent may be: one wording for the admin API and the dashboard's connect form.</summary>
internal static class IntegrationSettingsRules
{
    private static readonly string[] Efforts = ["low", "medium", "high"];

    /// <summary>Adds a problem per bad field of <paramref name="settings"/> to <paramref name="errors"/>, keyed <c>settings.&lt;field&gt;</c>.</summary>
    public static void Validate(IntegrationSettings? settings, Dictionary<string, string[]> errors)
    {
        if (settings?.Effort is { } effort && !Efforts.Contains(effort, StringComparer.OrdinalIgnoreCase))
        {
            errors["settings.effort"] = [$"'{effort}' is not an effort; use low, medium or high."];
        }

        if (settings?.SessionTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            errors["settings.sessionTimeout"] = ["A session timeout is positive, e.g. \"00:30:00\"."];
        }

        if (settings?.BotName is { Length: > 100 })
        {
            errors["settings.botName"] = ["A bot name is at most 100 characters."];
        }

        if (settings?.Model is { Length: > 200 })
        {
            errors["settings.model"] = ["A model name is at most 200 characters."];
        }
    }

    /// <summary>The settings as stored: effort in lower case.</summary>
    public static IntegrationSettings Normalised(IntegrationSettings settings) => settings with { Effort = settings.Effort?.ToLowerInvariant() };
}
