using Tapback.Configuration;
using Tapback.Gateway.Inbox;
using Tapback.Gateway.Integrations;

namespace Tapback.Gateway.Governor.Loops;

internal static class LoopBreakerServiceCollectionExtensions
{
    /// <summary>The loop breaker: its settings, the inbox's watch, the governor's rule for paused conversations, the resume.</summary>
    public static IServiceCollection AddTapbackLoopBreaker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LoopBreakerOptions, LoopBreakerOptionsValidator>(configuration.GetSection(LoopBreakerOptions.SectionName));
        services.AddSingleton<LoopBreakerScope>();
        services.AddSingleton<ConversationPauseStore>();
        services.AddSingleton<ConversationResume>();
        services.AddSingleton<IInboundWatch, LoopWatch>();
        services.AddSingleton<IGovernorRule, PausedConversationRule>();
        services.AddSingleton<IIntegrationCleanup>(new ConversationRowsCleanup(ConversationPauseStore.Table));
        return services;
    }
}
