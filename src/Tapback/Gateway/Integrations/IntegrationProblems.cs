using Tapback.Gateway.Http;

namespace Tapback.Gateway.Integrations;

/// <summary>The admin API's answer for an integration id that names none, in one wording for every admin endpoint under it.</summary>
internal static class IntegrationProblems
{
    public static IResult NotFound(string id) => Problems.NotFound($"No integration '{id}'. List them with GET /api/admin/integrations.");
}
