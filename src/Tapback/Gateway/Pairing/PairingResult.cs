namespace Tapback.Gateway.Pairing;

internal enum PairingResult
{
    Paired,

    /// <summary>No such code: wrong, used, expired, or never asked for.</summary>
    Invalid,

    /// <summary>Too many wrong codes: the code no longer works.</summary>
    Exhausted,
}
