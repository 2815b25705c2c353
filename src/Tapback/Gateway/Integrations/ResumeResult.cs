namespace Tapback.Gateway.Integrations;

/// <summary>The answer to a resume: the integration, and how many queued events were discarded.</summary>
internal sealed record ResumeResult(IntegrationView Integration, long DiscardedEvents);
