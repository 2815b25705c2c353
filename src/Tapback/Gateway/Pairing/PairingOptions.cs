namespace Tapback.Gateway.Pairing;

/// <summary>Pairing with <c>/setup</c>: <c>Tapback:Gateway:Pairing</c>.</summary>
internal sealed class PairingOptions
{
    public const string SectionName = "Tapback:Gateway:Pairing";

    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong codes a code survives; the next try after these is refused with 429.</summary>
    public int MaxWrongCodes { get; set; } = 5;

    /// <summary>Codes one phone may ask for per hour; more <c>/setup</c> texts are stored and not answered.</summary>
    public int MaxCodesPerHour { get; set; } = 5;

    /// <summary>Calls to <c>/auth/exchange</c> one client address may make per <see cref="ExchangeWindow"/>.</summary>
    public int ExchangePermitLimit { get; set; } = 10;

    public TimeSpan ExchangeWindow { get; set; } = TimeSpan.FromMinutes(1);
}
