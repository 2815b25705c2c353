using System.Data.Common;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Conversations;

/// <summary>
/// Finds or creates the conversation of a transport's chat, inside the caller's transaction. A
/// message or tapback from the chat ends the person's typing indicator, as it does on their phone.
/// </summary>
internal static class ConversationWriter
{
    public static async Task<string> UpsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        string transport,
        string chatId,
        string handle,
        bool isGroup,
        string? displayName,
        long now,
        CancellationToken cancellationToken) =>
        (await PreparedStatements.ScalarAsync<string>(
            connection,
            transaction,
            """
            INSERT INTO conversations (id, transport, chat_id, handle, is_group, display_name, created_at, last_message_at)
            VALUES (@id, @transport, @chatId, @handle, @isGroup, @displayName, @now, @now)
            ON CONFLICT (transport, chat_id) DO UPDATE
                SET last_message_at = excluded.last_message_at,
                    peer_typing_since = NULL,
                    display_name = coalesce(excluded.display_name, conversations.display_name)
            RETURNING id
            """,
            cancellationToken,
            ("@id", Ids.New("conv")),
            ("@transport", transport),
            ("@chatId", chatId),
            ("@handle", handle),
            ("@isGroup", isGroup),
            ("@displayName", displayName),
            ("@now", now)))!;
}
