using Microsoft.Extensions.Options;

namespace Tapback.Gateway.Governor;

/// <summary>
/// Checks <c>Tapback:Governor</c> and every transport instance's <c>Governor</c> overrides at start,
/// naming each bad key in full: a limit that is not a whole number of 0 or more, and a key that is
/// not a limit (a misspelt limit would otherwise be ignored and the default would quietly apply).
/// </summary>
internal sealed class GovernorOptionsValidator(IConfiguration configuration) : IValidateOptions<GovernorOptions>
{
    // LoopBreaker is the loop breaker's own section (Tapback:Governor:LoopBreaker), checked by its validator.
    private static readonly string[] GlobalKeys = [.. GovernorOptions.LimitKeys, nameof(GovernorOptions.ApplyToSimulator), "LoopBreaker"];

    public ValidateOptionsResult Validate(string? name, GovernorOptions options)
    {
        var failures = new List<string>();
        var limits = options.Limits;
        foreach (var (key, value) in new (string, int)[]
        {
            (nameof(limits.UnansweredLimit), limits.UnansweredLimit),
            (nameof(limits.PerRecipientPerMinute), limits.PerRecipientPerMinute),
            (nameof(limits.NewConversationsPerDay), limits.NewConversationsPerDay),
            (nameof(limits.OutboundRatio), limits.OutboundRatio),
            (nameof(limits.OutboundRatioFloor), limits.OutboundRatioFloor),
        })
        {
            if (value < 0)
            {
                failures.Add($"{GovernorOptions.SectionName}:{key} must be a whole number of 0 or more (0 turns the limit off), not {value}.");
            }
        }

        failures.AddRange(UnknownKeys(configuration.GetSection(GovernorOptions.SectionName), GlobalKeys));
        foreach (var transport in configuration.GetSection("Tapback:Transports").GetChildren())
        {
            var overrides = transport.GetSection("Governor");
            failures.AddRange(UnknownKeys(overrides, GovernorOptions.LimitKeys));
            foreach (var key in GovernorOptions.LimitKeys)
            {
                if (overrides[key] is { } text && !GovernorPolicy.TryParseLimit(text, out _))
                {
                    failures.Add($"{overrides.Path}:{key} must be a whole number of 0 or more (0 turns the limit off), not '{text}'.");
                }
            }
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    private static IEnumerable<string> UnknownKeys(IConfigurationSection section, IReadOnlyList<string> known) =>
        section.GetChildren()
            .Where(child => !known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            .Select(child => $"{child.Path} is not a governor setting; the settings are {string.Join(", ", known)}.");
}
