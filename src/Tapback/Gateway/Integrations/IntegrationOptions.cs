namespace Tapback.Gateway.Integrations;

/// <summary>Integration behaviour: <c>Tapback:Gateway:Integrations</c>.</summary>
internal sealed class IntegrationOptions
{
    /// <summary>On resume, drop what was queued while paused instead of delivering it (the API can say either way per call).</summary>
    public bool DiscardQueuedOnResume { get; set; }
}
