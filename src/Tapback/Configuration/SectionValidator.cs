using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Tapback.Configuration;

/// <summary>
/// Checks one options section at start and reports every failure at once, each naming the full key
/// to set (<c>Tapback:Outbox:MaxAttempts must be at least 1.</c>): the section's DataAnnotations first,
/// then the rules a subclass adds in <see cref="Check"/>. Given <paramref name="optionsName"/>, it checks
/// only that named instance (one transport of several, each under its own section) and skips the rest.
/// </summary>
internal abstract class SectionValidator<TOptions>(string section, string? optionsName = null) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (optionsName is not null && !string.Equals(name, optionsName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new SectionFailures(section);
        var annotated = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), annotated, validateAllProperties: true);
        foreach (var result in annotated)
        {
            foreach (var member in result.MemberNames)
            {
                failures.Add(member, (result.ErrorMessage ?? "is not valid.").Replace($"The field {member} ", string.Empty, StringComparison.Ordinal));
            }
        }

        Check(options, failures);
        return failures.Result;
    }

    protected abstract void Check(TOptions options, SectionFailures failures);
}
