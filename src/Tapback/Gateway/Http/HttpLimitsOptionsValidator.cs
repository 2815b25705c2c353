using Microsoft.Extensions.Options;

namespace Tapback.Gateway.Http;

/// <summary>Checks <c>Tapback:Http</c> at start; each failure names the key to set.</summary>
internal sealed class HttpLimitsOptionsValidator : IValidateOptions<HttpLimitsOptions>
{
    private const string Section = HttpLimitsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, HttpLimitsOptions options)
    {
        var failures = new List<string>();
        if (options.MaxJsonBodyBytes < 16 * 1024)
        {
            failures.Add($"{Section}:MaxJsonBodyBytes must be at least 16384 bytes.");
        }

        if (options.MaxSignInBodyBytes < 1024)
        {
            failures.Add($"{Section}:MaxSignInBodyBytes must be at least 1024 bytes.");
        }

        if (options.MinBodyDataRate < 0)
        {
            failures.Add($"{Section}:MinBodyDataRate must be 0 (off) or a positive number of bytes a second.");
        }

        // Kestrel checks the rate once a second, so a shorter grace could not be honoured.
        if (options.MinBodyDataRate > 0 && options.MinBodyDataRateGracePeriod <= TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}:MinBodyDataRateGracePeriod must be longer than one second.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
