using Tapback.Configuration;
using Tapback.Gateway.Actions;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.ContactCards;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Governor;
using Tapback.Gateway.Governor.Loops;
using Tapback.Gateway.Inbox;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Integrations.Credentials;
using Tapback.Gateway.Nodes;
using Tapback.Gateway.OptOut;
using Tapback.Gateway.Outbox;
using Tapback.Gateway.Outbox.Pacing;
using Tapback.Gateway.Pairing;
using Tapback.Gateway.Routing;
using Tapback.Gateway.Watchdog;
using Tapback.Messaging;
using Tapback.Messaging.Handles;

namespace Tapback.Gateway;

internal static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddTapbackGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTapbackNodes(configuration);
        services.AddValidatedOptions<BuiltInAgentAccessOptions, BuiltInAgentAccessOptionsValidator>(configuration.GetSection(BuiltInAgentAccessOptions.SectionName))
            .PostConfigure(options =>
            {
                // Compare like with like: the inbox stores normalised handles.
                var normalised = options.AllowFrom
                    .Select(handle => handle == "*" ? handle : HandleNormalizer.TryNormalize(handle, out var value) ? value : handle)
                    .ToList();
                options.AllowFrom.Clear();
                foreach (var handle in normalised)
                {
                    options.AllowFrom.Add(handle);
                }
            });
        services.AddValidatedOptions<OutboxOptions, OutboxOptionsValidator>(configuration.GetSection(OutboxOptions.SectionName));
        services.AddValidatedOptions<PairingOptions, PairingOptionsValidator>(configuration.GetSection(PairingOptions.SectionName));
        services.AddValidatedOptions<StrangerNoticeOptions, StrangerNoticeOptionsValidator>(configuration.GetSection(StrangerNoticeOptions.SectionName));
        services.AddValidatedOptions<InboxOptions, InboxOptionsValidator>(configuration.GetSection(InboxOptions.SectionName));
        services.AddValidatedOptions<OptOutOptions, OptOutOptionsValidator>(configuration.GetSection(OptOutOptions.SectionName));
        services.AddSingleton<OptOutStore>();
        services.AddTapbackWatchdog(configuration);

        // One switch, bound as a bool: a wrong value fails the binding at start, naming the key.
        services.AddOptions<IntegrationOptions>().Bind(configuration.GetSection("Tapback:Gateway:Integrations")).ValidateOnStart();
        services.AddValidatedOptions<AgentQueueBoundsOptions, AgentQueueBoundsOptionsValidator>(configuration.GetSection(AgentQueueBoundsOptions.SectionName));
        var pairing = configuration.GetSection(PairingOptions.SectionName).Get<PairingOptions>() ?? new PairingOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = PairingEndpoints.OnRejectedAsync;
            PairingEndpoints.AddExchangeRateLimit(limiter, pairing);
        });

        services.AddSingleton<IJitter>(new RandomJitter());
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<AttachmentReader>();
        services.AddAttachmentDownloads(configuration);
        services.AddSingleton<PendingAttachmentStore>();
        services.AddSingleton<PendingAttachmentSignal>();
        services.AddSingleton<PendingAttachmentWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<PendingAttachmentWorker>());
        services.AddSingleton<ConversationReader>();
        services.AddSingleton<MessageRouter>();
        services.AddSingleton<StrangerNotice>();
        services.AddSingleton<PairingCodeIssuer>();
        services.AddSingleton<PairingExchange>();
        services.AddContactCards(configuration);
        services.AddSingleton<GatewaySecretStore>();
        services.AddSingleton<GatewayKeyFile>();
        services.AddHostedService(provider => provider.GetRequiredService<GatewayKeyFile>());
        services.AddSingleton<IntegrationConnections>();
        services.AddSingleton<IntegrationStore>();
        services.AddSingleton<IntegrationViews>();
        services.AddIntegrationCredentials();
        services.AddSingleton<IIntegrationCleanup, AgentQueueCleanup>();
        services.AddSingleton<IIntegrationCleanup>(new ConversationRowsCleanup("outbox"));
        services.AddSingleton<IIntegrationCleanup, InboxCleanup>();
        services.AddSingleton<IIntegrationCleanup, PairingCodeCleanup>();
        services.AddSingleton<ServedIntegrationSettings>();
        services.AddSingleton<IntegrationChats>();
        services.AddSingleton<AgentLinkSignals>();
        services.AddSingleton<LinkQueue>();
        services.AddHostedService<AgentQueueTrimmer>();
        services.AddSingleton<Inbox.Inbox>();
        services.AddSingleton<AgentQueueSignal>();
        services.AddSingleton<AgentQueueStore>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<PacingPolicy>();
        services.AddSingleton<PacingStore>();
        services.AddSendGovernor(configuration);
        services.AddSingleton<StoreSendsAtWrite>();
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<BubblePlanner>();
        services.AddAgentActions(configuration);
        services.AddTapbackLoopBreaker(configuration);
        services.AddHostedService<OutboxDispatcher>();
        services.AddSingleton<ClusterCopies>();
        services.AddHostedService<ClusterWakeUps>();
        return services;
    }
}
