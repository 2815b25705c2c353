namespace Tapback.Hosting.OpenApi;

internal static class HealthCheckDescription
{
    /// <summary>
    /// Describes a health check endpoint for the OpenAPI document (<see cref="DelegateEndpointOperations"/>):
    /// GET and HEAD, answered in plain text with 200 (Healthy, Degraded) or 503 (Unhealthy), or with
    /// every entry as JSON to a caller that accepts <c>application/json</c> (Hosting/Health/HealthReportWriter).
    /// </summary>
    public static IEndpointConventionBuilder WithHealthCheckDescription(this IEndpointConventionBuilder builder, string summary) =>
        builder
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .WithTags("Health")
            .WithSummary(summary)
            .WithMetadata(
                new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/plain", "application/json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(string), ["text/plain", "application/json"]));
}
