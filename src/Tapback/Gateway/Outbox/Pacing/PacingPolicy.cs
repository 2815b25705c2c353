using System.Runtime.CompilerServices;
using Tapback.Messaging;

namespace Tapback.Gateway.Outbox.Pacing;

/// <summary>
/// The pace limits of each transport instance: its <c>Pacing</c> section, else the conservative
/// defaults for transports that reach real phones; none for a transport whose capabilities say it is
/// not paced by default (the simulator, a remote gateway). Read once per transport instance, as the
/// governor's limits are: every turn's sends ask, and walking configuration's keys each time showed in
/// a turn's profile (issue 23); a transport added or replaced at run time is a new instance, read anew.
/// </summary>
internal sealed class PacingPolicy(IConfiguration configuration)
{
    private const string SectionName = "Tapback:Transports";

    private readonly ConditionalWeakTable<IMessageTransport, PacingLimits> _byTransport = [];

    // A bad number throws here each time it is asked for: nothing is kept for it. TryGetValue first:
    // the method group passed to GetValue would be a new delegate on every call.
    public PacingLimits For(IMessageTransport transport) =>
        _byTransport.TryGetValue(transport, out var limits) ? limits : _byTransport.GetValue(transport, Read);

    private PacingLimits Read(IMessageTransport transport)
    {
        var section = configuration.GetSection($"{SectionName}:{transport.Name}:Pacing");
        var defaults = transport.Capabilities.PacedByDefault ? PacingLimits.Conservative : PacingLimits.None;
        if (!section.Exists())
        {
            return defaults;
        }

        return new PacingLimits
        {
            PerMinute = Read(section, "PerMinute", defaults.PerMinute),
            PerHour = Read(section, "PerHour", defaults.PerHour),
            PerDay = Read(section, "PerDay", defaults.PerDay),
        };
    }

    /// <summary>A number, or 0 / empty for "no limit in this window".</summary>
    private static int? Read(IConfigurationSection section, string key, int? fallback)
    {
        var value = section[key];
        if (value is null)
        {
            return fallback;
        }

        if (value.Length == 0)
        {
            return null;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit >= 0
            ? (limit == 0 ? null : limit)
            : throw new InvalidOperationException($"{section.Path}:{key} must be a whole number of messages (0 for no limit), not '{value}'.");
    }
}
