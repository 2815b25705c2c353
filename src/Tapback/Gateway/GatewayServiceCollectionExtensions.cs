using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Outbox;
using Tapback.Gateway.Routing;
using Tapback.Messaging;
using Tapback.Messaging.Handles;

namespace Tapback.Gateway;

internal static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddTapbackGateway(this IServiceCollection services, IConfiguration configuration)
    {
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

        services.AddSingleton<IJitter>(new RandomJitter());
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<AttachmentReader>();
        services.AddAttachmentDownloads(configuration);
        services.AddSingleton<ConversationReader>();
        services.AddSingleton<MessageRouter>();
        services.AddSingleton<Inbox.Inbox>();
        services.AddSingleton<AgentQueueSignal>();
        services.AddSingleton<AgentQueueStore>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxWriter>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
