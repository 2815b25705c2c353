using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Tapback.Tests.Transports.BlueBubbles;

internal sealed partial class FakeBlueBubblesServer
{
    private async Task<bool> AuthorizeAndRecordAsync(HttpContext context)
    {
        var request = context.Request;
        JsonObject? body = null;
        var form = new Dictionary<string, string>();
        if (request.HasFormContentType)
        {
            var read = await request.ReadFormAsync(context.RequestAborted);
            foreach (var (key, value) in read)
            {
                form[key] = value.ToString();
            }

            foreach (var file in read.Files)
            {
                form[$"file:{file.Name}"] = file.FileName;
            }
        }
        else if (request.ContentLength > 0 || request.Headers.ContentType.ToString().Contains("json", StringComparison.Ordinal))
        {
            body = (await JsonNode.ParseAsync(request.Body, cancellationToken: context.RequestAborted))?.AsObject();
        }

        var password = request.Query["guid"].ToString();
        lock (_lock)
        {
            _requests.Add(new FakeBlueBubblesRequest(request.Method, request.Path.Value ?? "", password, body, form));
        }

        context.Items["body"] = body;
        context.Items["form"] = form;
        if (password != Password)
        {
            await ErrorAsync(context, 401, "You are not authorized to access this resource", "Unauthorized");
            return false;
        }

        return true;
    }

    private static JsonObject BodyOf(HttpContext context) => context.Items["body"] as JsonObject ?? [];

    private Task ServerInfoAsync(HttpContext context)
    {
        var info = BlueBubblesPayloads.Fixture("server-info-old.json");
        info["data"]!["private_api"] = PrivateApi;
        info["data"]!["helper_connected"] = HelperConnected;
        return WriteAsync(context, 200, info);
    }

    /// <summary>GeneralRouter.ping: <c>{"status": 200, "message": "Ping received!", "data": "pong"}</c>; faults apply as on any route.</summary>
    private async Task PingAsync(HttpContext context)
    {
        if (NextFault("/api/v1/ping") is { } fault)
        {
            await FaultAsync(context, fault);
            return;
        }

        await WriteAsync(context, 200, new JsonObject { ["status"] = 200, ["message"] = "Ping received!", ["data"] = "pong" });
    }

    private async Task SendTextAsync(HttpContext context)
    {
        var body = BodyOf(context);
        var chatGuid = body["chatGuid"]?.GetValue<string>();
        var tempGuid = body["tempGuid"]?.GetValue<string>();
        var method = body["method"]?.GetValue<string>();
        if (string.IsNullOrEmpty(chatGuid) || string.IsNullOrEmpty(tempGuid) || body["message"] is null)
        {
            await ErrorAsync(context, 400, "Bad Request", "chatGuid, tempGuid and message are required");
            return;
        }

        // As the server's MessageValidator: an effect or an inline reply switches the send to the Private API.
        if (body["effectId"] is not null || body["selectedMessageGuid"] is not null)
        {
            method = "private-api";
        }

        if (method == "private-api" && !PrivateApi)
        {
            await ErrorAsync(context, 400, "Bad Request", "iMessage Private API is not enabled!");
            return;
        }

        if (IsUnaddressable(chatGuid))
        {
            await ErrorAsync(context, 500, "Message Send Error", $"execution error: Messages got an error: Can’t get chat id \"{chatGuid}\". (-1728)");
            return;
        }

        // As the server's MessageValidator.validateText: a tempGuid still in the send cache is refused.
        if (InSendCache(tempGuid))
        {
            await ErrorAsync(context, 400, "You've made a bad request! Please check your request params & body", $"Message is already queued to be sent! (Temp GUID: {tempGuid})");
            return;
        }

        await SendAsync(context, "/api/v1/message/text", tempGuid, () => Store(
            chatGuid, tempGuid, body["message"]!.GetValue<string>(), attachment: null, body["selectedMessageGuid"]?.GetValue<string>(), body["effectId"]?.GetValue<string>()));
    }

    private async Task SendAttachmentAsync(HttpContext context)
    {
        var form = (Dictionary<string, string>)context.Items["form"]!;
        if (!form.TryGetValue("chatGuid", out var chatGuid) || !form.TryGetValue("name", out var name) || !form.ContainsKey("file:attachment"))
        {
            await ErrorAsync(context, 400, "Bad Request", "chatGuid, name and an attachment are required");
            return;
        }

        form.TryGetValue("tempGuid", out var tempGuid);
        var attachment = BlueBubblesPayloads.Attachment($"at_{NewGuid()}", name, "application/octet-stream", 1);
        await SendAsync(context, "/api/v1/message/attachment", tempGuid, () => Store(chatGuid, tempGuid, "\uFFFC", attachment));
    }

    private bool InSendCache(string? tempGuid)
    {
        lock (_lock)
        {
            return tempGuid is not null && _sendCache.ContainsKey(tempGuid);
        }
    }

    private async Task SendAsync(HttpContext context, string path, string? tempGuid, Func<JsonObject> send)
    {
        var fault = NextFault(path);
        if (fault is { KeepsSending: true } && tempGuid is not null)
        {
            lock (_lock)
            {
                _sendCache[tempGuid] = send;
            }

            await FaultAsync(context, fault with { Hang = true });
            return;
        }

        if (fault is not null && !fault.AfterSending)
        {
            await FaultAsync(context, fault);
            return;
        }

        var message = send();
        if (fault is not null)
        {
            await FaultAsync(context, fault);
            return;
        }

        await WriteAsync(context, 200, new JsonObject { ["status"] = 200, ["message"] = "Message sent!", ["data"] = message.DeepClone() });
    }

    private JsonObject Store(string chatGuid, string? tempGuid, string text, JsonObject? attachment, string? replyTo = null, string? effectId = null)
    {
        var message = BlueBubblesPayloads.Message(NewGuid(), "me@icloud.com", text, Clock(), chatGuid, isFromMe: true);
        message["handle"] = null;
        message["threadOriginatorGuid"] = replyTo;
        message["expressiveSendStyleId"] = effectId;
        if (attachment is not null)
        {
            message["attachments"] = new JsonArray(attachment);
        }

        lock (_lock)
        {
            _messages.Add(message);
        }

        // The send response names the tempGuid; the stored row (what a query finds) does not.
        var answer = (JsonObject)message.DeepClone();
        answer["tempGuid"] = tempGuid;
        return answer;
    }

    private async Task ReactAsync(HttpContext context)
    {
        if (await PrivateApiRefusedAsync(context) || await FaultedAsync(context))
        {
            return;
        }

        var body = BodyOf(context);
        await WriteAsync(context, 200, new JsonObject { ["status"] = 200, ["message"] = "Reaction sent!", ["data"] = new JsonObject { ["guid"] = NewGuid(), ["associatedMessageGuid"] = body["selectedMessageGuid"]?.DeepClone() } });
    }

    private async Task PrivateApiOnlyAsync(HttpContext context)
    {
        if (await PrivateApiRefusedAsync(context) || await FaultedAsync(context))
        {
            return;
        }

        await WriteAsync(context, 200, new JsonObject { ["status"] = 200, ["message"] = "Success" });
    }

    private async Task QueryAsync(HttpContext context)
    {
        if (await FaultedAsync(context))
        {
            return;
        }

        var body = BodyOf(context);
        var after = body["after"]?.GetValue<long>();
        var chatGuid = body["chatGuid"]?.GetValue<string>();
        var offset = body["offset"]?.GetValue<int>() ?? 0;
        var limit = body["limit"]?.GetValue<int>() ?? 100;
        List<JsonObject> found;
        lock (_lock)
        {
            found = [.. _messages
                .Where(message => after is null || message["dateCreated"]!.GetValue<long>() >= after)
                .Where(message => chatGuid is null || message["chats"]!.AsArray().Any(chat => chat!["guid"]!.GetValue<string>() == chatGuid))
                .OrderBy(message => message["dateCreated"]!.GetValue<long>())
                .Skip(offset)
                .Take(limit)
                .Select(message => (JsonObject)message.DeepClone())];
        }

        await WriteAsync(context, 200, new JsonObject
        {
            ["status"] = 200,
            ["message"] = "Successfully fetched messages!",
            ["data"] = new JsonArray([.. found]),
            ["metadata"] = new JsonObject { ["offset"] = offset, ["limit"] = limit, ["count"] = found.Count },
        });
    }

    private async Task DownloadAsync(HttpContext context)
    {
        if (await FaultedAsync(context))
        {
            return;
        }

        var guid = context.Request.RouteValues["guid"]?.ToString() ?? "";
        (byte[] Bytes, string MimeType) file;
        bool notOnDisk;
        lock (_lock)
        {
            notOnDisk = _notOnDisk.Contains(guid);
            if (!_files.TryGetValue(guid, out file))
            {
                file = default;
            }
        }

        if (notOnDisk)
        {
            await ErrorAsync(context, 500, "The server has encountered an error", "Attachment does not exist in disk!");
            return;
        }

        if (file.Bytes is null)
        {
            await ErrorAsync(context, 404, "The requested resource was not found", "Attachment does not exist!");
            return;
        }

        context.Response.ContentType = file.MimeType;
        await context.Response.Body.WriteAsync(file.Bytes, context.RequestAborted);
    }

    private async Task<bool> PrivateApiRefusedAsync(HttpContext context)
    {
        if (PrivateApi)
        {
            return false;
        }

        await ErrorAsync(context, 500, "iMessage Private API is not enabled!", "Private API Helper not connected");
        return true;
    }

    private async Task<bool> FaultedAsync(HttpContext context)
    {
        if (NextFault(context.Request.Path.Value ?? "") is not { } fault)
        {
            return false;
        }

        await FaultAsync(context, fault);
        return true;
    }

    private static async Task FaultAsync(HttpContext context, FakeBlueBubblesFault fault)
    {
        if (fault.Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        if (fault.Drop)
        {
            context.Abort();
            return;
        }

        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // As the server's IMessageError: the failed message rides in data with Messages' error code.
        var data = fault.MessagesError is { } code
            ? new JsonObject { ["guid"] = $"FAILED-{Guid.NewGuid():N}", ["isFromMe"] = true, ["error"] = code }
            : null;
        await ErrorAsync(context, fault.Status, fault.Status == 429 ? "Too Many Requests" : "Message Send Error", fault.Error, data);
    }

    /// <summary>The server's error body (responses/errors.ts): <c>{status, message, error: {type, message}, data}</c>.</summary>
    private static Task ErrorAsync(HttpContext context, int status, string message, string error, JsonObject? data = null)
    {
        var type = status switch
        {
            401 or 403 => "Authentication Error",
            404 => "Database Error",
            >= 500 when message == "Message Send Error" => "iMessage Error",
            >= 500 => "Server Error",
            _ => "Validation Error",
        };
        var body = new JsonObject
        {
            ["status"] = status,
            ["message"] = message,
            ["error"] = new JsonObject { ["type"] = type, ["message"] = error },
        };
        if (data is not null)
        {
            body["data"] = data;
        }

        return WriteAsync(context, status, body);
    }

    private static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
