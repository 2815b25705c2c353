using System.Net;
using Microsoft.Extensions.Options;

namespace Tapback.Hosting.Network;

/// <summary>Checks <c>Tapback:ForwardedHeaders</c> at start; each failure names the entry to fix.</summary>
internal sealed class ForwardedHeadersSettingsValidator : IValidateOptions<ForwardedHeadersSettings>
{
    private const string Section = ForwardedHeadersSettings.SectionName;

    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        var failures = new List<string>();
        for (var index = 0; index < options.KnownProxies.Length; index++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[index]?.Trim(), out _))
            {
                failures.Add($"{Section}:KnownProxies:{index} is '{options.KnownProxies[index]}', which is not an IP address; give the proxy's address, such as 10.0.0.5 (not a host name).");
            }
        }

        for (var index = 0; index < options.KnownNetworks.Length; index++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[index]?.Trim(), out _))
            {
                failures.Add($"{Section}:KnownNetworks:{index} is '{options.KnownNetworks[index]}', which is not a network; write it in CIDR notation, such as 10.0.0.0/24.");
            }
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
