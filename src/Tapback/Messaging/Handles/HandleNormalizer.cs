using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;

namespace Tapback.Messaging.Handles;

/// <summary>
/// Turns what a transport or a user calls a sender into the one form we store: E.164 for phone
/// numbers, lower case for email handles. Two spellings of one person must meet in one conversation.
/// </summary>
internal static class HandleNormalizer
{
    // The instance is immutable after its metadata loads and documented as thread-safe.
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static bool TryNormalize(string? raw, [NotNullWhen(true)] out string? handle, string defaultRegion = "US")
    {
        handle = Normalize(raw, defaultRegion, out _);
        return handle is not null;
    }

    /// <exception cref="ArgumentException">The input is neither a possible phone number nor an email handle.</exception>
    public static string Normalize(string raw, string defaultRegion = "US") =>
        Normalize(raw, defaultRegion, out var problem) ?? throw new ArgumentException(problem, nameof(raw));

    /// <summary>Whether an already normalised handle is an email handle (a phone handle never holds '@').</summary>
    public static bool IsEmail(string handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return handle.Contains('@', StringComparison.Ordinal);
    }

    // Problems name what is wrong but never echo the input: a phone number must not reach a log
    // above Trace, and exception messages end up in logs.
    private static string? Normalize(string? raw, string defaultRegion, out string? problem)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            problem = "A handle is required, but the value is empty.";
            return null;
        }

        if (StripPrefix(text, "mailto:") is { } mailto)
        {
            return NormalizeEmail(mailto, out problem);
        }

        if (text.Contains('@', StringComparison.Ordinal))
        {
            return NormalizeEmail(text, out problem);
        }

        return NormalizePhone(StripPrefix(text, "tel:") ?? text, defaultRegion, out problem);
    }

    private static string? NormalizeEmail(string text, out string? problem)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var domain = text[(at + 1)..];
        problem =
            text.Any(char.IsWhiteSpace) ? "An email handle cannot contain spaces."
            : at < 0 || at != text.LastIndexOf('@') ? "An email handle needs exactly one '@'."
            : at == 0 ? "An email handle needs a name before the '@'."
            : !IsDomain(domain) ? "An email handle needs a domain with a dot after the '@', like example.com."
            : null;
        return problem is null ? text.ToLowerInvariant() : null;
    }

    private static bool IsDomain(string domain) =>
        domain.Contains('.', StringComparison.Ordinal)
        && !domain.StartsWith('.')
        && !domain.EndsWith('.')
        && !domain.Contains("..", StringComparison.Ordinal);

    private static string? NormalizePhone(string text, string defaultRegion, out string? problem)
    {
        // libphonenumber reads vanity letters (1-800-FLOWERS) as digits; a handle never holds
        // them, so letters mean the value is not a phone number at all.
        if (text.Any(char.IsLetter))
        {
            problem = "A phone handle can hold only digits, spaces, '+', '-', '.', '(' and ')'; write it like +15551234567.";
            return null;
        }

        PhoneNumber number;
        try
        {
            number = Phones.Parse(text, defaultRegion);
        }
        catch (NumberParseException e)
        {
            problem = $"The value is not a phone number ({e.ErrorType}); write it in E.164 like +15551234567, or give the region it belongs to.";
            return null;
        }

        // IsPossibleNumber would also accept local-only numbers (a US number without its area code),
        // which have no E.164 form. We check lengths, not validity, so 555 test numbers still pass.
        var reason = Phones.IsPossibleNumberWithReason(number);
        if (reason != PhoneNumberUtil.ValidationResult.IS_POSSIBLE)
        {
            problem = $"The value is not a possible phone number ({reason}); write it in E.164 like +15551234567.";
            return null;
        }

        if (number.HasExtension)
        {
            problem = "A phone handle cannot carry an extension; iMessage reaches the number itself.";
            return null;
        }

        problem = null;
        return Phones.Format(number, PhoneNumberFormat.E164);
    }

    private static string? StripPrefix(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? text[prefix.Length..].Trim() : null;
}
