using Tapback.Configuration;

namespace Tapback.AgentLink.Rest;

internal static class RestServiceCollectionExtensions
{
    public static IServiceCollection AddTapbackRest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RestOptions, RestOptionsValidator>(configuration.GetSection(RestOptions.SectionName));
        services.AddSingleton<RestReader>();
        services.AddSingleton<RestAttachments>();
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, RestRateLimitPolicy>(RestEndpoints.RateLimitPolicy));
        return services;
    }
}
