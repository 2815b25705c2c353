using System.Globalization;
using Tapback.Gateway.Actions;
using Tapback.Gateway.Integrations.Credentials;

namespace Tapback.AgentLink.Rest;

/// <summary>Conversations and messages, newest first. Cursors are opaque to callers: pass <c>next_cursor</c> back.</summary>
internal static partial class RestEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    private static async Task<IResult> ListConversationsAsync(
        HttpContext context, RestReader reader, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var integration = IntegrationPrincipal.Of(context).Integration;
        if (CheckLimit(limit) is { } badLimit)
        {
            return badLimit;
        }

        (long At, string Id)? before = null;
        if (cursor is { Length: > 0 })
        {
            var parts = cursor.Split('.', 2);
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var at))
            {
                return RestProblems.BadRequest($"'cursor' is '{cursor}', which no page gave out; pass next_cursor from the previous page.");
            }

            before = (at, parts[1]);
        }

        var take = limit ?? DefaultLimit;
        var rows = await reader.ConversationsAsync(integration, before, take + 1, cancellationToken);
        var page = rows.Take(take).ToList();
        return TypedResults.Json(
            new Page<ConversationDto>
            {
                Data = [.. page.Select(row => row.ToDto())],
                NextCursor = rows.Count > take ? string.Create(CultureInfo.InvariantCulture, $"{page[^1].LastMessageAt}.{page[^1].Id}") : null,
            },
            RestJsonContext.Default.PageConversationDto);
    }

    private static async Task<IResult> ListMessagesAsync(
        string id, HttpContext context, ChatAccess chats, RestReader reader, string? cursor, int? limit, string? since, string? until, CancellationToken cancellationToken)
    {
        if (CheckLimit(limit) is { } badLimit)
        {
            return badLimit;
        }

        long? beforeSeq = null;
        if (cursor is { Length: > 0 })
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            {
                return RestProblems.BadRequest($"'cursor' is '{cursor}', which no page gave out; pass next_cursor from the previous page.");
            }

            beforeSeq = seq;
        }

        if (!TryParseTime(since, out var sinceMs) || !TryParseTime(until, out var untilMs))
        {
            return RestProblems.BadRequest("'since' and 'until' are ISO-8601 times with an offset, e.g. 2026-11-23T09:00:00Z.");
        }

        var chat = await chats.ResolveAsync(Caller(context), ChatRef.Of(to: null, conversationId: id), cancellationToken);
        if (chat.Refusal is { } refused)
        {
            return RestActionResults.Problem(refused);
        }

        var take = limit ?? DefaultLimit;
        var rows = await reader.MessagesAsync(id, beforeSeq, sinceMs, untilMs, take + 1, cancellationToken);
        var page = rows.Take(take).ToList();
        var files = await reader.AttachmentsAsync(BaseAddress(context), [.. page.Select(row => row.Id)], cancellationToken);
        return TypedResults.Json(
            new Page<MessageDto>
            {
                Data = [.. page.Select(row => row.ToDto(files.GetValueOrDefault(row.Id) ?? []))],
                NextCursor = rows.Count > take ? page[^1].Seq.ToString(CultureInfo.InvariantCulture) : null,
            },
            RestJsonContext.Default.PageMessageDto);
    }

    private static async Task<IResult> GetMessageAsync(string id, HttpContext context, ChatAccess chats, RestReader reader, CancellationToken cancellationToken)
    {
        var found = await chats.FindMessageAsync(Caller(context), id, cancellationToken);
        if (found.Refusal is { } refused)
        {
            return RestActionResults.Problem(refused);
        }

        var row = await reader.MessageAsync(id, cancellationToken);
        if (row is null)
        {
            return RestProblems.NotFound($"No message '{id}'.");
        }

        var files = await reader.AttachmentsAsync(BaseAddress(context), [row.Id], cancellationToken);
        return TypedResults.Json(row.ToDto(files.GetValueOrDefault(row.Id) ?? []), RestJsonContext.Default.MessageDto);
    }

    private static Uri BaseAddress(HttpContext context) =>
        new($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}");

    private static IResult? CheckLimit(int? limit) => limit is < 1 or > MaxLimit
        ? RestProblems.BadRequest($"'limit' is {limit}; ask for 1 to {MaxLimit} items a page.")
        : null;

    private static bool TryParseTime(string? value, out long? unixMs)
    {
        unixMs = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return false;
        }

        unixMs = time.ToUnixTimeMilliseconds();
        return true;
    }
}
