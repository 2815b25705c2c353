using Microsoft.Extensions.AI;
using Tapback.Gateway.Conversations;

namespace Tapback.Agent.Turns;

/// <summary>
/// Turns one stored message into what the model sees of it: its text, and a line for each file.
/// The seam where images become image content and voice notes become transcripts.
/// </summary>
internal sealed class MessageRenderer(ConversationReader conversations)
{
    /// <summary>The contents of each message, by message id; a message with nothing to show maps to an empty list.</summary>
    public async Task<IReadOnlyDictionary<string, IList<AIContent>>> RenderAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken = default)
    {
        var attachments = await conversations.AttachmentNamesAsync([.. messages.Select(message => message.Id)], cancellationToken);
        var rendered = new Dictionary<string, IList<AIContent>>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            var contents = new List<AIContent>();
            if (!string.IsNullOrWhiteSpace(message.Body))
            {
                contents.Add(new TextContent(message.Body.Trim()));
            }

            contents.AddRange(attachments[message.Id].Select(name => new TextContent($"[sent a file: {name}]")));
            rendered[message.Id] = contents;
        }

        return rendered;
    }
}
