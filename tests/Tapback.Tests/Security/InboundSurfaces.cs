namespace Tapback.Tests.Security;

/// <summary>
/// Every inbound HTTP surface that takes a body or a path parameter. A new surface (a transport's
/// webhook, an MCP endpoint, a dashboard API) is one line here: its method, path, credential and one
/// valid body, from which the generator derives the hostile ones.
/// </summary>
internal static class InboundSurfaces
{
    public const string Phone = "+15550100001";

    public static readonly InboundSurface[] All =
    [
        new("simulator message", "POST", "/api/simulator/messages", SurfaceAuth.None, """{"from":"+15550100002","text":"hello","eventId":"e1","replyTo":null,"group":{"id":"g1","name":"G"},"attachments":[{"fileName":"a.txt","contentType":"text/plain","base64":"aGk="}]}"""),
        new("simulator reaction", "POST", "/api/simulator/reactions", SurfaceAuth.None, """{"from":"+15550100002","messageId":"{id}","reaction":"love","remove":false}"""),
        new("simulator events", "GET", "/api/simulator/conversations/{id}/events", SurfaceAuth.None, "{}"),
        new("simulator attachment", "GET", "/api/simulator/attachments/{id}", SurfaceAuth.None, "{}"),
        new("pairing exchange", "POST", "/auth/exchange", SurfaceAuth.None, """{"phone":"+15550100001","code":"123456"}"""),
        new("REST send", "POST", "/v2/messages", SurfaceAuth.Integration, """{"to":"+15550100001","conversationId":null,"body":"hi","split":true}"""),
        new("REST message", "GET", "/v2/messages/{id}", SurfaceAuth.Integration, "{}"),
        new("REST read", "POST", "/v2/messages/{id}/read", SurfaceAuth.Integration, "{}"),
        new("REST reaction", "POST", "/v2/messages/{id}/reactions", SurfaceAuth.Integration, """{"reaction":"like"}"""),
        new("REST typing", "POST", "/v2/typing", SurfaceAuth.Integration, """{"to":"+15550100001","typing":true}"""),
        new("REST conversation messages", "GET", "/v2/conversations/{id}/messages", SurfaceAuth.Integration, "{}"),
        new("webhook create", "POST", "/v2/webhooks", SurfaceAuth.Integration, """{"url":"http://127.0.0.1:9/hook","events":["message.received"]}"""),
        new("webhook delete", "DELETE", "/v2/webhooks/{id}", SurfaceAuth.Integration, "{}"),
        new("webhook rotate", "POST", "/v2/webhooks/{id}/secret/rotate", SurfaceAuth.Integration, "{}"),
        new("webhook replay", "POST", "/v2/webhooks/{id}/deliveries/replay", SurfaceAuth.Integration, "{}"),
        new("admin patch", "PATCH", "/api/admin/integrations/{id}", SurfaceAuth.Admin, """{"name":"n","settings":{}}"""),
        new("admin resume", "POST", "/api/admin/integrations/{id}/resume", SurfaceAuth.Admin, """{"discardQueued":false}"""),
        new("admin pause", "POST", "/api/admin/integrations/{id}/pause", SurfaceAuth.Admin, "{}"),
        new("agent upload", "PUT", "/uploads/{id}?expires=1&sig=x", SurfaceAuth.None, "{}"),
        new("agent file", "GET", "/files/{id}?expires=1&sig=x", SurfaceAuth.None, "{}"),
        new("agent socket without upgrade", "GET", "/ws/{id}", SurfaceAuth.Integration, "{}"),
        new("transport webhook", "POST", "/webhooks/{id}", SurfaceAuth.None, """{"type":"new-message","data":{"guid":"x","text":"hi"}}"""),
    ];
}
