using Tapback.Configuration;

namespace Tapback.Gateway.Inbox;

/// <summary>Checks <c>Tapback:Gateway:Inbox</c> at start.</summary>
internal sealed class InboxOptionsValidator() : SectionValidator<InboxOptions>(InboxOptions.SectionName)
{
    protected override void Check(InboxOptions options, SectionFailures failures) =>
        failures.Positive(options.AnswerWindow, nameof(options.AnswerWindow));
}
