using Microsoft.Extensions.Options;

namespace Tapback.Transports;

/// <summary>
/// The kinds named under <c>Tapback:Transports</c>, checked at start with every other section: an
/// instance without a <c>Kind</c>, or with one this build does not know, is a failure that names its
/// key and lists the known kinds (it was registered as nothing, so nothing else trips over it first).
/// </summary>
internal sealed class TransportKindsValidator(IReadOnlyList<string> failures) : IValidateOptions<TransportKindsValidator.Kinds>
{
    public ValidateOptionsResult Validate(string? name, Kinds options) =>
        failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;

    /// <summary>Nothing to bind: the options the check hangs on, so it runs when the others do.</summary>
    internal sealed class Kinds;
}
