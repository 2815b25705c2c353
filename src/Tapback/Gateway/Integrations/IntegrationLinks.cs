using System.Diagnostics.CodeAnalysis;

namespace Tapback.Gateway.Integrations;

/// <summary>The agent-queue link of an integration: <c>integration:&lt;id&gt;</c>.</summary>
internal static class IntegrationLinks
{
    public const string Prefix = "integration:";

    public static string Of(string integrationId) => Prefix + integrationId;

    public static bool TryParse(string link, [NotNullWhen(true)] out string? integrationId)
    {
        integrationId = link.StartsWith(Prefix, StringComparison.Ordinal) ? link[Prefix.Length..] : null;
        return integrationId is not null;
    }
}
