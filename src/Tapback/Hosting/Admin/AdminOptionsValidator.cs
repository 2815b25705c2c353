using Microsoft.Extensions.Options;

namespace Tapback.Hosting.Admin;

/// <summary>Checks <c>Tapback:Admin</c> at start; each failure names the key to set.</summary>
internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    private const string Section = AdminOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var failures = new List<string>();
        // Unset is fine: Tapback then makes a 256-bit token itself.
        if (options.Token is { } token && !string.IsNullOrWhiteSpace(token) && token.Trim().Length < AdminOptions.MinTokenLength)
        {
            failures.Add(
                $"{Section}:Token is {token.Trim().Length} characters; it must be at least {AdminOptions.MinTokenLength} (e.g. the output of `openssl rand -hex 32`), or leave it unset and Tapback makes one at first start.");
        }

        if (options.MaxFailedAttempts < 1)
        {
            failures.Add($"{Section}:MaxFailedAttempts must be at least 1 (wrong admin tokens a client may present per {Section}:FailureWindow).");
        }

        if (options.FailureWindow <= TimeSpan.Zero || options.FailureWindow > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:FailureWindow must be more than zero and at most a day (e.g. 00:15:00).");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
