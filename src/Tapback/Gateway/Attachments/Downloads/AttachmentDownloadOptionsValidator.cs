using Tapback.Configuration;

namespace Tapback.Gateway.Attachments.Downloads;

/// <summary>Checks <c>Tapback:Attachments</c> at start.</summary>
internal sealed class AttachmentDownloadOptionsValidator() : SectionValidator<AttachmentDownloadOptions>(AttachmentDownloadOptions.SectionName)
{
    protected override void Check(AttachmentDownloadOptions options, SectionFailures failures) =>
        failures.Positive(options.DownloadTimeout, nameof(options.DownloadTimeout));
}
