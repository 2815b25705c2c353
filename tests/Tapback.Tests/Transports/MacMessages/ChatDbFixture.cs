using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Tapback.Transports.MacMessages.ChatDb;

namespace Tapback.Tests.Transports.MacMessages;

/// <summary>
/// A chat.db built from the real schema in a temporary folder (WAL, as Messages keeps it), written
/// the way Messages writes it: the message row, then its chat link, then later updates in place.
/// </summary>
internal sealed class ChatDbFixture : IDisposable
{
    private static readonly string FixturesDirectory = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "MacMessages");

    private readonly string _connectionString;

    public ChatDbFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("tapback-chatdb-").FullName;
        Path = System.IO.Path.Combine(Directory, "chat.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();
        using var connection = Open();
        connection.Execute("PRAGMA journal_mode = WAL;");
        connection.Execute(File.ReadAllText(System.IO.Path.Combine(FixturesDirectory, "chat-db-schema.sql")));
    }

    public string Directory { get; }

    public string Path { get; }

    /// <summary>The real attributedBody blob of the fixture and the text it holds.</summary>
    public static (byte[] Blob, string Text) RealBody()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(FixturesDirectory, "attributed-body.json")));
        var vector = document.RootElement.GetProperty("vectors")[0];
        return (Convert.FromBase64String(vector.GetProperty("attributedBody_base64").GetString()!), vector.GetProperty("text").GetString()!);
    }

    /// <summary>The real blob with its string replaced by <paramref name="text"/>, its length written 1-, 2- or 4-byte as the size needs.</summary>
    public static byte[] LongBody(string text, bool forceFourBytes = false)
    {
        var (blob, original) = RealBody();
        var originalBytes = Encoding.UTF8.GetBytes(original);
        var start = blob.AsSpan().IndexOf("NSString"u8) + "NSString".Length;
        var plus = Array.IndexOf(blob, (byte)'+', start);
        var lengthAt = plus + 1;
        var after = lengthAt + 1 + originalBytes.Length;
        var bytes = Encoding.UTF8.GetBytes(text);
        byte[] length = forceFourBytes || bytes.Length > ushort.MaxValue
            ? [0x82, (byte)bytes.Length, (byte)(bytes.Length >> 8), (byte)(bytes.Length >> 16), (byte)(bytes.Length >> 24)]
            : bytes.Length >= 0x80 ? [0x81, (byte)bytes.Length, (byte)(bytes.Length >> 8)] : [(byte)bytes.Length];
        return [.. blob[..lengthAt], .. length, .. bytes, .. blob[after..]];
    }

    public long AddHandle(string id, string service = "iMessage")
    {
        using var connection = Open();
        return connection.ExecuteScalar<long>(
            "INSERT INTO handle (id, service, country, uncanonicalized_id) VALUES (@id, @service, 'us', @id) RETURNING ROWID",
            new { id, service });
    }

    /// <summary>A one-to-one chat (style 45) with a handle; its guid is <c>iMessage;-;&lt;handle&gt;</c>.</summary>
    public (long RowId, string Guid) AddDirectChat(string handle, long handleRowId)
    {
        var guid = $"iMessage;-;{handle}";
        using var connection = Open();
        var rowId = connection.ExecuteScalar<long>(
            "INSERT INTO chat (guid, style, state, chat_identifier, service_name, room_name, display_name) VALUES (@guid, 45, 3, @handle, 'iMessage', NULL, '') RETURNING ROWID",
            new { guid, handle });
        connection.Execute("INSERT INTO chat_handle_join (chat_id, handle_id) VALUES (@rowId, @handleRowId)", new { rowId, handleRowId });
        return (rowId, guid);
    }

    /// <summary>A group chat (style 43) named <paramref name="displayName"/>.</summary>
    public (long RowId, string Guid) AddGroupChat(string identifier, string displayName, params long[] handles)
    {
        var guid = $"iMessage;+;{identifier}";
        using var connection = Open();
        var rowId = connection.ExecuteScalar<long>(
            "INSERT INTO chat (guid, style, state, chat_identifier, service_name, room_name, display_name) VALUES (@guid, 43, 3, @identifier, 'iMessage', @identifier, @displayName) RETURNING ROWID",
            new { guid, identifier, displayName });
        foreach (var handle in handles)
        {
            connection.Execute("INSERT INTO chat_handle_join (chat_id, handle_id) VALUES (@rowId, @handle)", new { rowId, handle });
        }

        return (rowId, guid);
    }

    /// <summary>Writes a message row and (unless <paramref name="join"/> is false) its chat link, like Messages. Returns ROWID and guid.</summary>
    public (long RowId, string Guid) AddMessage(
        long chatRowId,
        long handleRowId,
        string? text,
        DateTimeOffset at,
        bool fromMe = false,
        byte[]? attributedBody = null,
        long associatedType = 0,
        string? associatedGuid = null,
        bool join = true,
        string? guid = null)
    {
        guid ??= Guid.NewGuid().ToString().ToUpperInvariant();
        using var connection = Open();
        var date = AppleTime.ToNanoseconds(at);
        var rowId = connection.ExecuteScalar<long>(
            """
            INSERT INTO message (guid, text, attributedBody, handle_id, service, account, date, date_read, date_delivered, is_delivered, is_finished, is_from_me, is_sent, is_read,
                                 associated_message_guid, associated_message_type, item_type, part_count)
            VALUES (@guid, @text, @attributedBody, @handleRowId, 'iMessage', 'E:tapback@example.com', @date, 0, 0, @delivered, 1, @fromMe, @fromMe, 0,
                    @associatedGuid, @associatedType, 0, 1)
            RETURNING ROWID
            """,
            new { guid, text, attributedBody, handleRowId, date, delivered = fromMe ? 0 : 1, fromMe = fromMe ? 1 : 0, associatedGuid, associatedType });
        if (join)
        {
            Join(chatRowId, rowId, at);
        }

        return (rowId, guid);
    }

    public void Join(long chatRowId, long messageRowId, DateTimeOffset at)
    {
        using var connection = Open();
        connection.Execute(
            "INSERT INTO chat_message_join (chat_id, message_id, message_date) VALUES (@chatRowId, @messageRowId, @date)",
            new { chatRowId, messageRowId, date = AppleTime.ToNanoseconds(at) });
    }

    /// <summary>Links a file on disk to a message, as Messages does once it has downloaded it.</summary>
    public void AddAttachment(long messageRowId, string path, string mimeType, string transferName)
    {
        using var connection = Open();
        var guid = Guid.NewGuid().ToString().ToUpperInvariant();
        var attachment = connection.ExecuteScalar<long>(
            """
            INSERT INTO attachment (guid, created_date, filename, uti, mime_type, transfer_state, is_outgoing, transfer_name, total_bytes, original_guid)
            VALUES (@guid, 0, @path, 'public.jpeg', @mimeType, 5, 0, @transferName, @size, @guid)
            RETURNING ROWID
            """,
            new { guid, path, mimeType, transferName, size = new FileInfo(path).Length });
        connection.Execute("INSERT INTO message_attachment_join (message_id, attachment_id) VALUES (@messageRowId, @attachment)", new { messageRowId, attachment });
    }

    /// <summary>
    /// The sender edited the message, as Messages records it (imessage-exporter's reading of real
    /// databases): <c>text</c> NULL, the new text in <c>attributedBody</c>, <c>date_edited</c> set, and the
    /// versions in <c>message_summary_info</c> (given here as <paramref name="summary"/>, or left as it is).
    /// </summary>
    public void Edit(string guid, string text, DateTimeOffset at, byte[]? summary = null, bool withBody = true)
    {
        using var connection = Open();
        connection.Execute(
            "UPDATE message SET text = NULL, attributedBody = @body, date_edited = @date, message_summary_info = coalesce(@summary, message_summary_info) WHERE guid = @guid",
            new { guid, body = withBody ? LongBody(text) : null, date = AppleTime.ToNanoseconds(at), summary });
    }

    /// <summary>The sender unsent the message: no text left, <c>date_retracted</c> set (and <c>date_edited</c>, as Messages does).</summary>
    public void Unsend(string guid, DateTimeOffset at)
    {
        using var connection = Open();
        connection.Execute(
            "UPDATE message SET text = NULL, attributedBody = NULL, date_edited = @date, date_retracted = @date WHERE guid = @guid",
            new { guid, date = AppleTime.ToNanoseconds(at) });
    }

    /// <summary>Sets one column of a message row (a test's way to write what Messages writes).</summary>
    public void Set(string guid, string column, object? value)
    {
        using var connection = Open();
        connection.Execute($"UPDATE message SET {column} = @value WHERE guid = @guid", new { guid, value });
    }

    public void MarkDelivered(string guid, DateTimeOffset at)
    {
        using var connection = Open();
        connection.Execute("UPDATE message SET is_delivered = 1, date_delivered = @date WHERE guid = @guid", new { guid, date = AppleTime.ToNanoseconds(at) });
    }

    public void MarkRead(string guid, DateTimeOffset at)
    {
        using var connection = Open();
        connection.Execute("UPDATE message SET date_read = @date WHERE guid = @guid", new { guid, date = AppleTime.ToNanoseconds(at) });
    }

    public IReadOnlyList<(long RowId, string Guid, string? Text)> OwnRows()
    {
        using var connection = Open();
        return [.. connection.Query<(long, string, string?)>("SELECT ROWID, guid, text FROM message WHERE is_from_me = 1 ORDER BY ROWID")];
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
