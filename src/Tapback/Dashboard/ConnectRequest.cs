using Tapback.Gateway.Integrations;

namespace Tapback.Dashboard;

/// <summary>The dashboard's connect form: a phone, the code it got from <c>/setup</c>, and first settings.</summary>
internal sealed record ConnectRequest
{
    public string? Phone { get; init; }
    public string? Code { get; init; }
    public string? Name { get; init; }
    public IntegrationSettings? Settings { get; init; }
}
