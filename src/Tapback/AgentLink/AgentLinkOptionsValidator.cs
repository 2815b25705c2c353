using Tapback.Configuration;

namespace Tapback.AgentLink;

/// <summary>Checks <c>Tapback:Gateway:WebSocket</c> at start.</summary>
internal sealed class AgentLinkOptionsValidator() : SectionValidator<AgentLinkOptions>(AgentLinkOptions.SectionName)
{
    protected override void Check(AgentLinkOptions options, SectionFailures failures)
    {
        failures.Positive(options.KeepAliveInterval, nameof(options.KeepAliveInterval));
        failures.Positive(options.KeepAliveTimeout, nameof(options.KeepAliveTimeout));
        failures.Require(options.MaxFrameBytes >= 1024, nameof(options.MaxFrameBytes), "must be at least 1024.");
        failures.Require(options.MaxUploadBytes >= 1, nameof(options.MaxUploadBytes), "must be positive.");
        failures.Positive(options.UploadUrlLifetime, nameof(options.UploadUrlLifetime));
        failures.Positive(options.FileUrlLifetime, nameof(options.FileUrlLifetime));
        failures.Require(
            options.PublicUrl is null || (options.PublicUrl.IsAbsoluteUri && options.PublicUrl.Scheme is "http" or "https"),
            nameof(options.PublicUrl),
            "must be an absolute http or https address, such as https://tapback.example.com.");
    }
}
