using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tapback.Tests.Transports.BlueBubbles;

/// <summary>
/// The Private API routes of issue 13, as the server's messageRouter, handleRouter and their validators
/// answer: <c>POST /message/{guid}/edit</c> (<c>editedMessage</c> and <c>backwardsCompatibilityMessage</c>
/// required), <c>POST /message/{guid}/unsend</c>, and <c>GET /handle/availability/imessage?address=</c>
/// answering <c>{available}</c>. Without the Private API each fails as the server's does.
/// </summary>
internal sealed partial class FakeBlueBubblesServer
{
    private readonly HashSet<string> _onIMessage = [];

    /// <summary>Apple says this address is on iMessage; any other is not.</summary>
    public void OnIMessage(string address)
    {
        lock (_lock)
        {
            _onIMessage.Add(address);
        }
    }

    private void MapChanges(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/message/{guid}/edit", (RequestDelegate)EditAsync);
        app.MapPost("/api/v1/message/{guid}/unsend", (RequestDelegate)UnsendAsync);
        app.MapGet("/api/v1/handle/availability/imessage", (RequestDelegate)AvailabilityAsync);
    }

    private async Task EditAsync(HttpContext context)
    {
        var body = BodyOf(context);
        if (body["editedMessage"]?.GetValue<string>() is not { } edited || body["backwardsCompatibilityMessage"] is null)
        {
            await ErrorAsync(context, 400, "Bad Request", "The editedMessage and backwardsCompatibilityMessage fields are required");
            return;
        }

        await ChangeAsync(context, "Message edited!", message =>
        {
            message["text"] = edited;
            message["dateEdited"] = Clock();
        });
    }

    private Task UnsendAsync(HttpContext context) =>
        ChangeAsync(context, "Message unsent!", message =>
        {
            message["text"] = "";
            // As Messages does: an unsend sets the edit date as well.
            message["dateEdited"] = Clock();
            message["dateRetracted"] = Clock();
        });

    private async Task ChangeAsync(HttpContext context, string said, Action<JsonObject> change)
    {
        if (await PrivateApiRefusedAsync(context) || await FaultedAsync(context))
        {
            return;
        }

        var guid = context.Request.RouteValues["guid"]?.ToString();
        JsonObject? changed;
        lock (_lock)
        {
            changed = _messages.FirstOrDefault(message => message["guid"]?.GetValue<string>() == guid);
            if (changed is not null)
            {
                change(changed);
                changed = (JsonObject)changed.DeepClone();
            }
        }

        if (changed is null)
        {
            await ErrorAsync(context, 400, "Bad Request", "Selected message does not exist!");
            return;
        }

        await WriteAsync(context, 200, new JsonObject { ["status"] = 200, ["message"] = said, ["data"] = changed });
    }

    private async Task AvailabilityAsync(HttpContext context)
    {
        if (await PrivateApiRefusedAsync(context) || await FaultedAsync(context))
        {
            return;
        }

        var address = context.Request.Query["address"].ToString();
        if (address.Length == 0)
        {
            await ErrorAsync(context, 400, "Bad Request", "The address field is required");
            return;
        }

        bool available;
        lock (_lock)
        {
            available = _onIMessage.Contains(address);
        }

        await WriteAsync(context, 200, new JsonObject { ["status"] = 200, ["message"] = "Success", ["data"] = new JsonObject { ["available"] = available } });
    }
}
