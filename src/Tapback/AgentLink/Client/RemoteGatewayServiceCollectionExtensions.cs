using Microsoft.Extensions.Options;
using Tapback.Messaging;

namespace Tapback.AgentLink.Client;

internal static class RemoteGatewayServiceCollectionExtensions
{
    /// <summary>
    /// With <c>Tapback:Agent:Gateway:Url</c> set, the built-in agent answers a remote gateway's phone
    /// through the <c>gateway</c> transport; unset, nothing is registered and the in-process link stays.
    /// </summary>
    public static IServiceCollection AddTapbackRemoteGateway(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RemoteGatewayOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section["Url"]))
        {
            return services;
        }

        services.AddOptions<RemoteGatewayOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RemoteGatewayOptions>, RemoteGatewayOptionsValidator>();
        services.AddHttpClient(GatewayTokenStore.HttpClientName);
        services.AddSingleton<GatewayTokenStore>();
        services.AddSingleton(provider => RemoteGatewayAgent.Create(provider));
        services.AddSingleton<GatewayEventHandler>();
        services.AddSingleton<GatewayTransport>();
        services.AddSingleton<IMessageTransport>(provider => provider.GetRequiredService<GatewayTransport>());
        services.AddSingleton<RemoteGatewayClient>();
        services.AddHostedService(provider => provider.GetRequiredService<RemoteGatewayClient>());
        return services;
    }
}
