using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Tapback.Agent.Settings;
using Tapback.Gateway.Conversations;

namespace Tapback.Agent.Turns;

/// <summary>
/// Whether the agent should speak in a group chat: when a message names it, or replies to one of its
/// bubbles, unless configuration says to answer everything. A group of friends does not want a bot
/// answering every message.
/// </summary>
internal sealed class GroupAddressing(ConversationReader conversations, IOptions<AgentOptions> options, AgentSettingsResolver resolver)
{
    public async Task<bool> IsAddressedAsync(Conversation conversation, IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var botName = resolver.For(conversation).BotName;
        if (string.Equals(settings.GroupReplies, "all", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var name = new Regex($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(botName)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        foreach (var message in messages)
        {
            if (name.IsMatch(message.Body))
            {
                return true;
            }

            if (message.ReplyTo is { } replyTo
                && await conversations.FindMessageAsync(replyTo, cancellationToken) is { IsInbound: false } answered
                && answered.ConversationId == message.ConversationId)
            {
                return true;
            }
        }

        return false;
    }
}
