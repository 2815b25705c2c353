using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Gateway.Inbox;
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
        services.AddKeyedSingleton(name, (provider, _) => new MacMessagesInbound(
            name,
            options,
            provider.GetRequiredKeyedService<MacChatDatabase>(name),
            provider.GetRequiredService<MacMessagesStore>(),
            provider.GetRequiredService<Inbox>(),
            provider.GetRequiredService<AttachmentStore>(),
            provider.GetRequiredService<IOptions<AttachmentDownloadOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<MacMessagesInbound>>()));
        services.AddSingleton<IPendingAttachmentSource>(provider => provider.GetRequiredKeyedService<MacMessagesInbound>(name));
        services.AddKeyedSingleton(name, (provider, _) => new MacMessagesStatuses(
            name,
            options,
            provider.GetRequiredKeyedService<MacChatDatabase>(name),
            provider.GetRequiredService<MacMessagesStore>(),
            provider.GetRequiredService<Inbox>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddKeyedSingleton(name, (provider, _) => new MacMessagesTransport(
            name,
            options,
            provider.GetRequiredKeyedService<MacChatDatabase>(name),
            provider.GetRequiredService<MacMessagesStore>(),
            provider.GetRequiredService<IAppleScriptRunner>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<MacMessagesTransport>>()));
        services.AddKeyedSingleton(name, (provider, _) => new MacMessagesPoller(
            name,
            options,
            provider.GetRequiredKeyedService<MacChatDatabase>(name),
            provider.GetRequiredService<MacMessagesStore>(),
            provider.GetRequiredKeyedService<MacMessagesInbound>(name),
            provider.GetRequiredKeyedService<MacMessagesStatuses>(name),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<MacMessagesPoller>>()));

        services.AddSingleton<IMessageTransport>(provider => provider.GetRequiredKeyedService<MacMessagesTransport>(name));
        // Not AddHostedService: it keeps one registration per type, and each instance needs its own poll.
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredKeyedService<MacMessagesPoller>(name));
    }
}
