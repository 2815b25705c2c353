namespace Tapback.Tests.Security;

/// <summary>
/// Every inbound HTTP surface that takes a body or a path parameter. A new surface (a transport's
/// webhook, an MCP endpoint, a dashboard API) is one line here: its method, path, credential and one
/// valid body, from which the generator derives the hostile ones.
/// </summary>
internal static class InboundSurfaces
{
    public const string Phone = "+15550100001";

    /// <summary>The names and secrets of the one instance of each webhook transport the fuzz host runs.</summary>
    public const string BlueBubbles = "bb";
    public const string BlueBubblesSecret = "fuzz-bluebubbles-secret-0123";
    public const string Blooio = "blooio";
    public const string BlooioSecret = "whsec_fuzz_secret";
    public const string BlooioNumber = "+15550100009";
    public const string Sendblue = "sendblue";
    public const string SendblueSecret = "fuzz-sendblue-secret";
    public const string SendblueLine = "+15550100008";

    private const string BlueBubblesMessage = """{"type":"new-message","data":{"originalROWID":1,"guid":"bb-{id}","text":"hi","attachments":[],"subject":null,"error":0,"dateCreated":1795000000000,"dateRead":null,"dateDelivered":null,"isFromMe":false,"isAudioMessage":false,"handle":{"originalROWID":2,"address":"+15550100003","service":"iMessage","country":"us"},"chats":[{"originalROWID":77,"guid":"iMessage;-;+15550100003","style":45,"chatIdentifier":"+15550100003","isArchived":false,"displayName":""}],"associatedMessageGuid":null,"associatedMessageType":null,"threadOriginatorGuid":null}}""";

    private const string BlooioMessage = """{"event":"message.received","message_id":"bl-{id}","external_id":"+15550100004","sender":"+15550100004","text":"hi","attachments":[],"protocol":"imessage","timestamp":1795000000000,"device_id":"A1B2","received_at":1795000000000,"is_group":false}""";

    private const string SendblueMessage = """{"accountEmail":"a@b.c","content":"hi","is_outbound":false,"status":"RECEIVED","message_handle":"sb-{id}","date_sent":"2026-11-23T09:00:00Z","date_updated":"2026-11-23T09:00:00Z","from_number":"+15550100005","number":"+15550100005","to_number":"+15550100008","media_url":"","message_type":"message","group_id":"","participants":["+15550100005","+15550100008"],"sendblue_number":"+15550100008","service":"iMessage"}""";

    private static string McpCall(string tool, string arguments) =>
        """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":""" + $"\"{tool}\",\"arguments\":{arguments}}}}}";

    public static readonly InboundSurface[] All =
    [
        new("simulator message", "POST", "/api/simulator/messages", SurfaceAuth.None, """{"from":"+15550100002","text":"hello","eventId":"e1","replyTo":null,"effect":"slam","group":{"id":"g1","name":"G"},"attachments":[{"fileName":"a.txt","contentType":"text/plain","base64":"aGk="}]}"""),
        new("simulator reaction", "POST", "/api/simulator/reactions", SurfaceAuth.None, """{"from":"+15550100002","messageId":"{id}","reaction":"love","remove":false}"""),
        new("simulator edit", "POST", "/api/simulator/messages/{id}/edit", SurfaceAuth.None, """{"text":"changed"}"""),
        new("simulator unsend", "POST", "/api/simulator/messages/{id}/unsend", SurfaceAuth.None, "{}"),
        new("simulator typing", "POST", "/api/simulator/typing", SurfaceAuth.None, """{"from":"+15550100002","typing":true}"""),
        new("simulator phone", "PUT", "/api/simulator/phones/{id}", SurfaceAuth.None, """{"imessage":false}"""),
        new("simulator events", "GET", "/api/simulator/conversations/{id}/events", SurfaceAuth.None, "{}"),
        new("simulator attachment", "GET", "/api/simulator/attachments/{id}", SurfaceAuth.None, "{}"),
        new("pairing exchange", "POST", "/auth/exchange", SurfaceAuth.None, """{"phone":"+15550100001","code":"123456"}"""),
        new("REST send", "POST", "/v2/messages", SurfaceAuth.Integration, """{"to":"+15550100001","conversationId":null,"body":"hi","split":true,"reply_to":"{id}","effect":"slam"}"""),
        new("REST handle lookup", "GET", "/v2/handles/{id}", SurfaceAuth.Integration, "{}"),
        new("REST message", "GET", "/v2/messages/{id}", SurfaceAuth.Integration, "{}"),
        new("REST read", "POST", "/v2/messages/{id}/read", SurfaceAuth.Integration, "{}"),
        new("REST reaction", "POST", "/v2/messages/{id}/reactions", SurfaceAuth.Integration, """{"reaction":"like"}"""),
        new("REST typing", "POST", "/v2/typing", SurfaceAuth.Integration, """{"to":"+15550100001","typing":true}"""),
        new("REST edit", "PATCH", "/v2/messages/{id}", SurfaceAuth.Integration, """{"body":"hi"}"""),
        new("REST unsend", "DELETE", "/v2/messages/{id}", SurfaceAuth.Integration, "{}"),
        new("REST conversation messages", "GET", "/v2/conversations/{id}/messages", SurfaceAuth.Integration, "{}"),
        new("webhook create", "POST", "/v2/webhooks", SurfaceAuth.Integration, """{"url":"http://127.0.0.1:9/hook","events":["message.received"]}"""),
        new("webhook delete", "DELETE", "/v2/webhooks/{id}", SurfaceAuth.Integration, "{}"),
        new("webhook rotate", "POST", "/v2/webhooks/{id}/secret/rotate", SurfaceAuth.Integration, "{}"),
        new("webhook replay", "POST", "/v2/webhooks/{id}/deliveries/replay", SurfaceAuth.Integration, "{}"),
        new("admin patch", "PATCH", "/api/admin/integrations/{id}", SurfaceAuth.Admin, """{"name":"n","settings":{}}"""),
        new("admin resume", "POST", "/api/admin/integrations/{id}/resume", SurfaceAuth.Admin, """{"discardQueued":false}"""),
        new("admin pause", "POST", "/api/admin/integrations/{id}/pause", SurfaceAuth.Admin, "{}"),
        new("admin webhook create", "POST", "/api/admin/integrations/{id}/webhooks", SurfaceAuth.Admin, """{"url":"http://127.0.0.1:9/hook","events":["message.received"]}"""),
        new("admin webhook delete", "DELETE", "/api/admin/integrations/{id}/webhooks/wh_fuzz", SurfaceAuth.Admin, "{}"),
        new("operator reply", "POST", "/api/admin/conversations/{id}/messages", SurfaceAuth.Admin, """{"body":"hi"}"""),
        new("agent upload", "PUT", "/uploads/{id}?expires=1&sig=x", SurfaceAuth.None, "{}"),
        new("agent file", "GET", "/files/{id}?expires=1&sig=x", SurfaceAuth.None, "{}"),
        new("agent socket without upgrade", "GET", "/ws/{id}", SurfaceAuth.Integration, "{}"),
        new("transport webhook", "POST", "/webhooks/{id}", SurfaceAuth.None, """{"type":"new-message","data":{"guid":"x","text":"hi"}}"""),
        new("BlueBubbles webhook", "POST", $"/webhooks/{BlueBubbles}?secret={BlueBubblesSecret}", SurfaceAuth.None, BlueBubblesMessage),
        new("BlueBubbles webhook, no secret", "POST", $"/webhooks/{BlueBubbles}", SurfaceAuth.None, BlueBubblesMessage),
        new("Blooio webhook", "POST", $"/webhooks/{Blooio}", SurfaceAuth.BlooioSignature, BlooioMessage),
        new("Blooio webhook, unsigned", "POST", $"/webhooks/{Blooio}", SurfaceAuth.None, BlooioMessage),
        new("Sendblue webhook", "POST", $"/webhooks/{Sendblue}", SurfaceAuth.SendblueSecret, SendblueMessage),
        new("Sendblue webhook, no secret", "POST", $"/webhooks/{Sendblue}", SurfaceAuth.None, SendblueMessage),
        new("MCP initialize", "POST", "/mcp", SurfaceAuth.Integration, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"fuzz","version":"1"}}}"""),
        new("MCP tools/list", "POST", "/mcp", SurfaceAuth.Integration, """{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{"cursor":null}}"""),
        new("MCP send_message", "POST", "/mcp", SurfaceAuth.Integration, McpCall("send_message", """{"to":"+15550100001","conversation_id":null,"text":"hi","attachment_urls":["http://127.0.0.1:9/a.png"],"split":true,"reply_to":"{id}","effect":"confetti","idempotency_key":"k-{id}"}""")),
        new("MCP lookup_handle", "POST", "/mcp", SurfaceAuth.Integration, McpCall("lookup_handle", """{"handle":"{id}"}""")),
        new("MCP list_conversations", "POST", "/mcp", SurfaceAuth.Integration, McpCall("list_conversations", """{"limit":20,"cursor":"{id}"}""")),
        new("MCP read_messages", "POST", "/mcp", SurfaceAuth.Integration, McpCall("read_messages", """{"conversation_id":"{id}","limit":20,"before":"2026-11-23T09:00:00Z","after":null}""")),
        new("MCP react", "POST", "/mcp", SurfaceAuth.Integration, McpCall("react", """{"message_id":"{id}","reaction":"love","remove":false}""")),
        new("MCP mark_read", "POST", "/mcp", SurfaceAuth.Integration, McpCall("mark_read", """{"conversation_id":"{id}","to":null}""")),
        new("MCP set_typing", "POST", "/mcp", SurfaceAuth.Integration, McpCall("set_typing", """{"on":true,"conversation_id":"{id}","to":null}""")),
        new("MCP edit_message", "POST", "/mcp", SurfaceAuth.Integration, McpCall("edit_message", """{"message_id":"{id}","text":"hi","idempotency_key":"k-{id}"}""")),
        new("MCP unsend_message", "POST", "/mcp", SurfaceAuth.Integration, McpCall("unsend_message", """{"message_id":"{id}"}""")),
        new("MCP unknown method", "POST", "/mcp", SurfaceAuth.Integration, """{"jsonrpc":"2.0","id":3,"method":"tools/{id}","params":{}}"""),
    ];
}
