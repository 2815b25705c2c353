namespace Tapback.Messaging;

internal enum SendReconciliationOutcome
{
    /// <summary>The provider cannot tell; the send is reported, never repeated.</summary>
    Unknown,

    /// <summary>The provider has it: the send is recorded as sent.</summary>
    Sent,

    /// <summary>The provider never saw it: sending again with the same key is safe.</summary>
    NotSent,
}
