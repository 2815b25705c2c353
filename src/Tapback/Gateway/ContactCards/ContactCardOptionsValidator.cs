using Tapback.Configuration;
using Tapback.Messaging.Handles;

namespace Tapback.Gateway.ContactCards;

/// <summary>Checks <c>Tapback:ContactCards</c> at start, naming every key that is wrong.</summary>
internal sealed class ContactCardOptionsValidator() : SectionValidator<ContactCardOptions>(ContactCardOptions.SectionName)
{
    public const int MaxNameLength = 100;

    protected override void Check(ContactCardOptions options, SectionFailures failures)
    {
        failures.Require(
            !string.IsNullOrWhiteSpace(options.Name) && options.Name.Length <= MaxNameLength,
            nameof(options.Name),
            $"must be a name of 1 to {MaxNameLength} characters.");
        failures.Require(options.Title.Length <= MaxNameLength, nameof(options.Title), $"must be at most {MaxNameLength} characters.");
        failures.Require(options.PairingText.Length <= 1000, nameof(options.PairingText), "must be at most 1000 characters.");
        foreach (var (transport, number) in options.Numbers)
        {
            failures.Require(
                HandleNormalizer.TryNormalize(number, out _),
                $"{nameof(options.Numbers)}:{transport}",
                "must be a phone number in E.164 (+15551234567) or an email address.");
        }
    }
}
