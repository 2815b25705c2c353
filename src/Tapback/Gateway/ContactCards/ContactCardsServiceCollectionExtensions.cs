using Tapback.Configuration;

namespace Tapback.Gateway.ContactCards;

internal static class ContactCardsServiceCollectionExtensions
{
    /// <summary>Registers the agent's contact card: the builder, and its offer after pairing.</summary>
    public static IServiceCollection AddContactCards(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ContactCardOptions, ContactCardOptionsValidator>(configuration.GetSection(ContactCardOptions.SectionName));
        services.AddSingleton<AgentContactCards>();
        services.AddSingleton<PairingCardOffer>();
        return services;
    }
}
