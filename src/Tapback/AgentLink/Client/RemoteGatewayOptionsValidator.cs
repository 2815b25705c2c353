using Microsoft.Extensions.Options;
using Tapback.Messaging.Handles;

namespace Tapback.AgentLink.Client;

/// <summary>Checks <c>Tapback:Agent:Gateway</c> at start; each failure names the key to set.</summary>
internal sealed class RemoteGatewayOptionsValidator : IValidateOptions<RemoteGatewayOptions>
{
    private const string Section = RemoteGatewayOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, RemoteGatewayOptions options)
    {
        if (options.Url is null)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!options.Url.IsAbsoluteUri || (options.Url.Scheme != Uri.UriSchemeHttp && options.Url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Section}:Url must be an absolute http or https address of a Tapback gateway, such as http://gateway:5000.");
        }

        if (!HandleNormalizer.TryNormalize(options.Phone, out _))
        {
            failures.Add($"{Section}:Phone must be set to the paired phone number in E.164 (such as +15551234567).");
        }

        // Neither Token nor Code is fine here when an earlier start stored a token; the client checks that.
        if (string.IsNullOrWhiteSpace(options.Token) && options.Code is { Length: > 0 } code && (code.Length != 6 || !code.All(char.IsAsciiDigit)))
        {
            failures.Add($"{Section}:Code must be the 6-digit code the gateway texted back to /setup.");
        }

        if (options.SendTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:SendTimeout must be positive.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
