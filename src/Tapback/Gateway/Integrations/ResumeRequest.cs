namespace Tapback.Gateway.Integrations;

/// <summary>The optional body of <c>POST …/resume</c>: whether to drop what queued while paused.</summary>
internal sealed record ResumeRequest
{
    public bool? DiscardQueued { get; init; }
}
