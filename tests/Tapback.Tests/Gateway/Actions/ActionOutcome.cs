namespace Tapback.Tests.Gateway.Actions;

/// <summary>What a surface answered to an action, in the terms every surface shares: done, or refused with a sentence.</summary>
internal sealed record ActionOutcome(bool Accepted, string? Reason, IReadOnlyList<string> MessageIds)
{
    public static ActionOutcome Done(params IReadOnlyList<string> messageIds) => new(true, null, messageIds);

    public static ActionOutcome Refused(string? reason) => new(false, reason, []);
}
