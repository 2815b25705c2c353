using Tapback.Gateway.Actions;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Inbox;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Integrations.Credentials;
using Tapback.Gateway.Nodes;
using Tapback.Gateway.OptOut;
using Tapback.Gateway.Outbox;
using Tapback.Gateway.Outbox.Pacing;
using Tapback.Gateway.Pairing;
using Tapback.Gateway.Routing;
using Tapback.Messaging;
using Tapback.Messaging.Handles;

namespace Tapback.Gateway;

internal static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddTapbackGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTapbackNodes(configuration);
        services.AddOptions<BuiltInAgentAccessOptions>()
            .Bind(configuration.GetSection("Tapback:Agent"))
            .Validate(
                options => options.AllowFrom.All(handle => handle == "*" || HandleNormalizer.TryNormalize(handle, out _)),
                "Tapback:Agent:AllowFrom must list phone numbers (E.164), email addresses, or '*'.")
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
            })
            .ValidateOnStart();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Tapback:Outbox"));
        services.AddOptions<PairingOptions>()
            .Bind(configuration.GetSection(PairingOptions.SectionName))
            .Validate(options => options.CodeLifetime > TimeSpan.Zero, $"{PairingOptions.SectionName}:CodeLifetime must be positive.")
            .Validate(options => options.MaxWrongCodes >= 1, $"{PairingOptions.SectionName}:MaxWrongCodes must be at least 1.")
            .Validate(options => options.ExchangePermitLimit >= 1 && options.ExchangeWindow > TimeSpan.Zero,
                $"{PairingOptions.SectionName}:ExchangePermitLimit must be at least 1 and ExchangeWindow positive.")
            .ValidateOnStart();
        services.AddOptions<StrangerNoticeOptions>().Bind(configuration.GetSection(StrangerNoticeOptions.SectionName));
        services.AddOptions<InboxOptions>()
            .Bind(configuration.GetSection(InboxOptions.SectionName))
            .Validate(options => options.AnswerWindow > TimeSpan.Zero, $"{InboxOptions.SectionName}:AnswerWindow must be positive.")
            .ValidateOnStart();
        services.AddOptions<OptOutOptions>().Bind(configuration.GetSection(OptOutOptions.SectionName));
        services.AddSingleton<OptOutStore>();
        services.AddOptions<IntegrationOptions>().Bind(configuration.GetSection("Tapback:Gateway:Integrations"));
        services.AddOptions<AgentQueueBoundsOptions>()
            .Bind(configuration.GetSection(AgentQueueBoundsOptions.SectionName))
            .Validate(options => options.MaxAge > TimeSpan.Zero && options.MaxEvents >= 1 && options.SweepInterval > TimeSpan.Zero,
                $"{AgentQueueBoundsOptions.SectionName}: MaxAge and SweepInterval must be positive and MaxEvents at least 1.")
            .ValidateOnStart();
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
        services.AddSingleton<ConversationReader>();
        services.AddSingleton<MessageRouter>();
        services.AddSingleton<StrangerNotice>();
        services.AddSingleton<PairingCodeIssuer>();
        services.AddSingleton<PairingExchange>();
        services.AddSingleton<GatewaySecretStore>();
        services.AddSingleton<GatewayKeyFile>();
        services.AddHostedService(provider => provider.GetRequiredService<GatewayKeyFile>());
        services.AddSingleton<IntegrationConnections>();
        services.AddSingleton<IntegrationStore>();
        services.AddIntegrationCredentials();
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
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<BubblePlanner>();
        services.AddSingleton<ChatAccess>();
        services.AddSingleton<ActionKeys>();
        services.AddSingleton<SendFiles>();
        services.AddSingleton<AgentActions>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<ClusterWakeUps>();
        return services;
    }
}
