using Microsoft.Extensions.DependencyInjection.Extensions;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Messaging;
using Tapback.Transports.MacMessages.AppleScript;
using Tapback.Transports.MacMessages.ChatDb;

namespace Tapback.Transports.MacMessages;

internal static class MacMessagesServiceCollectionExtensions
{
    /// <summary>
    /// One Mac's Messages under <c>Tapback:Transports:&lt;name&gt;</c>: its transport and its chat.db
    /// poll, each keyed by the instance name. The AppleScript runner is shared (a test replaces it).
    /// </summary>
    public static void AddMacMessagesTransport(IServiceCollection services, string name, IConfigurationSection section)
    {
        var options = TransportOptions.Add(services, name, section, new MacMessagesOptionsValidator(name, OperatingSystem.IsMacOS()));
        var databasePath = MacMessagesOptionsValidator.DatabasePath(options);

        services.TryAddSingleton<MacMessagesStore>();
        services.TryAddSingleton<IAppleScriptRunner>(_ => new OsaScriptRunner(options.OsascriptPath));
        services.AddKeyedSingleton(name, (_, _) => new MacChatDatabase(databasePath));
        // Built by the container from their constructors: the name, the settings and this Mac's chat.db
        // are given, everything else resolved.
        services.AddKeyedSingleton(name, (provider, _) => ActivatorUtilities.CreateInstance<MacMessagesInbound>(
            provider, name, options, provider.GetRequiredKeyedService<MacChatDatabase>(name)));
        services.AddSingleton<IPendingAttachmentSource>(provider => provider.GetRequiredKeyedService<MacMessagesInbound>(name));
        services.AddKeyedSingleton(name, (provider, _) => ActivatorUtilities.CreateInstance<MacMessagesStatuses>(
            provider, name, options, provider.GetRequiredKeyedService<MacChatDatabase>(name)));
        services.AddKeyedSingleton(name, (provider, _) => ActivatorUtilities.CreateInstance<MacMessagesChanges>(
            provider, name, provider.GetRequiredKeyedService<MacChatDatabase>(name)));
        services.AddKeyedSingleton(name, (provider, _) => ActivatorUtilities.CreateInstance<MacMessagesTransport>(
            provider, name, options, provider.GetRequiredKeyedService<MacChatDatabase>(name)));
        services.AddKeyedSingleton(name, (provider, _) => ActivatorUtilities.CreateInstance<MacMessagesPoller>(
            provider,
            name,
            options,
            provider.GetRequiredKeyedService<MacChatDatabase>(name),
            provider.GetRequiredKeyedService<MacMessagesInbound>(name),
            provider.GetRequiredKeyedService<MacMessagesStatuses>(name),
            provider.GetRequiredKeyedService<MacMessagesChanges>(name)));

        services.AddSingleton<IMessageTransport>(provider => provider.GetRequiredKeyedService<MacMessagesTransport>(name));
        // Not AddHostedService: it keeps one registration per type, and each instance needs its own poll.
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredKeyedService<MacMessagesPoller>(name));
    }
}
