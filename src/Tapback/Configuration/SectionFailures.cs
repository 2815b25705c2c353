using Microsoft.Extensions.Options;

namespace Tapback.Configuration;

/// <summary>The failures found in one options section, each written as the full key and what it must be.</summary>
internal sealed class SectionFailures(string section)
{
    private readonly List<string> _failures = [];

    public string Section => section;

    /// <summary>Records "<c>{section}:{key} {rule}</c>" unless <paramref name="holds"/>.</summary>
    public void Require(bool holds, string key, string rule)
    {
        if (!holds)
        {
            Add(key, rule);
        }
    }

    /// <summary>A positive time span, the most common rule.</summary>
    public void Positive(TimeSpan value, string key) => Require(value > TimeSpan.Zero, key, "must be positive, e.g. 00:00:30.");

    public void Add(string key, string rule) => _failures.Add($"{section}:{key} {rule}");

    public ValidateOptionsResult Result => _failures.Count > 0 ? ValidateOptionsResult.Fail(_failures) : ValidateOptionsResult.Success;
}
