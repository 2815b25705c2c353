using System.ComponentModel;
using System.Globalization;
using ModelContextProtocol.Server;

namespace Tapback.AgentLink.Mcp;

internal sealed partial class MessagingTools
{
    [McpServerTool(Name = "list_conversations", Title = "List conversations", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Lists this integration's iMessage conversations, newest activity first, each with its last message and how many inbound messages are unread (since the agent last marked it read or wrote in it). Pages with cursor.")]
    public async Task<McpConversationPage> ListConversationsAsync(
        [Description("How many conversations to return, 1 to 200 (default 20).")] int limit = 20,
        [Description("next_cursor from the previous page, for older conversations. Omit for the first page.")] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        const string tool = "list_conversations";
        CheckLimit(tool, limit);
        (long At, string Id)? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            var parts = cursor.Split('.', 2);
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var at))
            {
                throw Refuse(tool, $"'cursor' is '{cursor}', which no page gave out; pass next_cursor from the previous page, or omit it.");
            }

            before = (at, parts[1]);
        }

        var rows = await rest.ConversationsAsync(Caller.Integration!, before, limit + 1, cancellationToken);
        var page = rows.Take(limit).ToList();
        var conversations = new List<McpConversation>(page.Count);
        foreach (var row in page)
        {
            var dto = row.ToDto();
            var last = await rest.MessagesAsync(row.Id, beforeSeq: null, sinceMs: null, untilMs: null, limit: 1, cancellationToken);
            var files = await rest.AttachmentsAsync(BaseAddress, [.. last.Select(message => message.Id)], cancellationToken);
            conversations.Add(new McpConversation
            {
                Id = dto.Id,
                Handle = dto.Handle,
                IsGroup = dto.IsGroup,
                GroupName = dto.GroupName,
                Transport = dto.Transport,
                LastMessageAt = dto.LastMessageAt,
                UnreadCount = await reader.UnreadCountAsync(row.Id, cancellationToken),
                LastMessage = last.Count > 0 ? last[0].ToDto(files.GetValueOrDefault(last[0].Id) ?? []) : null,
            });
        }

        return new McpConversationPage
        {
            Conversations = conversations,
            NextCursor = rows.Count > limit ? string.Create(CultureInfo.InvariantCulture, $"{page[^1].LastMessageAt}.{page[^1].Id}") : null,
        };
    }

    [McpServerTool(Name = "read_messages", Title = "Read messages", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Reads the messages of one conversation, oldest first (the newest `limit` of those in the window). Each has its id, direction (inbound from the person, outbound from an agent), sender, text, attachments (name, type, size, a download URL), delivery status and time. Narrow the window with before/after.")]
    public async Task<McpMessagePage> ReadMessagesAsync(
        [Description("The conversation id (conv_…) from list_conversations.")] string conversation_id,
        [Description("How many messages to return, 1 to 200 (default 20).")] int limit = 20,
        [Description("Only messages strictly before this ISO-8601 time, e.g. 2026-11-23T09:00:00Z; to page back, pass the first message's created_at.")] string? before = null,
        [Description("Only messages strictly after this ISO-8601 time; to catch up, pass the last message's created_at you saw.")] string? after = null,
        CancellationToken cancellationToken = default)
    {
        const string tool = "read_messages";
        CheckLimit(tool, limit);
        if (string.IsNullOrWhiteSpace(conversation_id))
        {
            throw Refuse(tool, "'conversation_id' is required: a conversation id (conv_…) from list_conversations.");
        }

        var beforeMs = ParseTime(tool, "before", before);
        var afterMs = ParseTime(tool, "after", after);
        var conversation = await ResolveAsync(tool, to: null, conversation_id, cancellationToken);
        var rows = await rest.MessagesAsync(conversation.Id, beforeSeq: null, sinceMs: afterMs + 1, untilMs: beforeMs - 1, limit + 1, cancellationToken);
        var page = rows.Take(limit).Reverse().ToList();
        var files = await rest.AttachmentsAsync(BaseAddress, [.. page.Select(row => row.Id)], cancellationToken);
        return new McpMessagePage
        {
            ConversationId = conversation.Id,
            Messages = [.. page.Select(row => row.ToDto(files.GetValueOrDefault(row.Id) ?? []))],
            HasMore = rows.Count > limit,
        };
    }

    /// <summary>Where this request reached Tapback: attachment links in results point there, as in REST.</summary>
    private Uri BaseAddress =>
        http.HttpContext?.Request is { } request ? new($"{request.Scheme}://{request.Host}{request.PathBase}") : new("http://localhost");

    private long? ParseTime(string tool, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeMilliseconds()
            : throw Refuse(tool, $"'{name}' is '{value}'; give an ISO-8601 time with an offset, e.g. 2026-11-23T09:00:00Z.");
    }
}
