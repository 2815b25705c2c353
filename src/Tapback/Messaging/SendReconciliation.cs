namespace Tapback.Messaging;

/// <summary>What a provider says about a send whose outcome was unknown.</summary>
internal sealed record SendReconciliation(SendReconciliationOutcome Outcome, string? ProviderMessageId = null)
{
    public static SendReconciliation Unknown { get; } = new(SendReconciliationOutcome.Unknown);

    public static SendReconciliation NotSent { get; } = new(SendReconciliationOutcome.NotSent);

    public static SendReconciliation Sent(string? providerMessageId) => new(SendReconciliationOutcome.Sent, providerMessageId);
}
