namespace Tapback.AgentLink.Rest;

internal static class RestServiceCollectionExtensions
{
    public static IServiceCollection AddTapbackRest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RestOptions>()
            .Bind(configuration.GetSection(RestOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(options => options.BubbleGapMin >= TimeSpan.Zero && options.BubbleGapMax >= options.BubbleGapMin && options.Window > TimeSpan.Zero,
                $"{RestOptions.SectionName}: BubbleGapMin must not be negative, BubbleGapMax at least BubbleGapMin, and Window positive.")
            .ValidateOnStart();
        services.AddSingleton<RestReader>();
        services.AddSingleton<RestAttachments>();
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, RestRateLimitPolicy>(RestEndpoints.RateLimitPolicy));

        services.AddOpenApi(openApi =>
        {
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Tapback";
                document.Info.Description = "The Tapback gateway's HTTP API. The REST API for agents lives under /v2; see docs/rest-api.md.";
                return Task.CompletedTask;
            });
            openApi.AddSchemaTransformer(SnakeCaseSchemas.TransformAsync);
        });
        return services;
    }
}
