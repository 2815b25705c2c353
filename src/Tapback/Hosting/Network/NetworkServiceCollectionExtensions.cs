using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Tapback.Hosting.Network;

/// <summary>Registers the network edge: which proxies are believed, and the one decision of whether Tapback is on the network.</summary>
internal static class NetworkServiceCollectionExtensions
{
    public static IServiceCollection AddTapbackNetwork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForwardedHeadersSettings>().Bind(configuration.GetSection(ForwardedHeadersSettings.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>, ForwardedHeadersSettingsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((target, source) =>
        {
            var settings = source.Value;
            // ASP.NET Core's defaults (loopback) and ASPNETCORE_FORWARDEDHEADERS_ENABLED's (everyone) are
            // replaced, never added to: only what Tapback:ForwardedHeaders names is believed.
            target.KnownProxies.Clear();
            target.KnownIPNetworks.Clear();
            target.ForwardedHeaders = settings.IsConfigured ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            // Every hop is checked against the lists, so a chain of declared proxies is walked back to
            // the first address that is not one of them: the client.
            target.ForwardLimit = null;
            foreach (var proxy in settings.KnownProxies)
            {
                target.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
            }

            foreach (var network in settings.KnownNetworks)
            {
                target.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
            }
        });
        services.AddTransient<IStartupFilter, ForwardedHeadersStartupFilter>();
        services.AddSingleton<NetworkExposure>();
        return services;
    }
}
