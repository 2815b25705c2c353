using Tapback.Configuration;
using Tapback.Gateway.Inbox;
using Tapback.Gateway.Integrations;

namespace Tapback.Gateway.Governor;

internal static class GovernorServiceCollectionExtensions
{
    /// <summary>
    /// The send governor: its limits, each an <see cref="IGovernorRule"/> the dispatcher asks (another
    /// feature's rule joins with one more registration), its counts and their sweep, and the held sends.
    /// </summary>
    public static IServiceCollection AddSendGovernor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<GovernorOptions, GovernorOptionsValidator>(configuration.GetSection(GovernorOptions.SectionName));
        services.AddSingleton<GovernorPolicy>();
        services.AddSingleton<GovernorStore>();
        services.AddSingleton<IGovernorRule, UnansweredLimitRule>();
        services.AddSingleton<IGovernorRule, RecipientRateRule>();
        services.AddSingleton<IGovernorRule, NewConversationsRule>();
        services.AddSingleton<IGovernorRule, OutboundRatioRule>();
        services.AddSingleton<SendGovernor>();
        services.AddSingleton<HeldSends>();
        services.AddSingleton<IInboundObserver, GovernorInbound>();
        services.AddSingleton<IIntegrationCleanup>(new ConversationRowsCleanup("governor_sends", "governor_unanswered"));
        services.AddHostedService<GovernorSweeper>();
        return services;
    }
}
