using Tapback.Configuration;

namespace Tapback.Gateway.Pairing;

/// <summary>Checks <c>Tapback:Gateway:Pairing</c> at start.</summary>
internal sealed class PairingOptionsValidator() : SectionValidator<PairingOptions>(PairingOptions.SectionName)
{
    protected override void Check(PairingOptions options, SectionFailures failures)
    {
        failures.Positive(options.CodeLifetime, nameof(options.CodeLifetime));
        failures.Require(options.MaxWrongCodes >= 1, nameof(options.MaxWrongCodes), "must be at least 1.");
        failures.Require(options.MaxCodesPerHour >= 1, nameof(options.MaxCodesPerHour), "must be at least 1.");
        failures.Require(options.ExchangePermitLimit >= 1, nameof(options.ExchangePermitLimit), "must be at least 1.");
        failures.Positive(options.ExchangeWindow, nameof(options.ExchangeWindow));
    }
}
