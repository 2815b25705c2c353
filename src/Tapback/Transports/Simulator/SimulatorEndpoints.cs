using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Http;
using Tapback.Gateway.Inbox;
using Tapback.Messaging;
using Tapback.Messaging.Handles;
using Tapback.Storage;

namespace Tapback.Transports.Simulator;

/// <summary>The simulated phone's JSON API: send as the phone, tapback, and read or stream what it saw.</summary>
internal static partial class SimulatorEndpoints
{
    public static IEndpointRouteBuilder MapSimulatorApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/simulator").WithTags("Simulator");
        // Without a simulator instance (only real transports configured) the API has no phone to be: a 404 that says so, not a 500.
        api.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<SimulatorRegistry>().Any
                ? await next(context)
                : Problems.NotFound("No simulator transport is configured; add one under Tapback:Transports with Kind = Simulator."));
        // Without a simulator the JSON default, so the 404 above answers rather than a 413 for any body.
        api.ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/messages", SendAsync).WithBodyLimit(services =>
            services.GetRequiredService<SimulatorRegistry>() is { Any: true } simulators
                ? simulators.Default.Options.MaxMessageBodyBytes
                : services.GetRequiredService<IOptions<HttpLimitsOptions>>().Value.MaxJsonBodyBytes)
            .WithSummary("Text the gateway as the simulated phone (from, text, attachments as base64, a group, an inline reply, an effect).")
            .AcceptsJson<SimulatedMessageRequest>()
            .Produces<SimulatedMessageAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapPost("/reactions", ReactAsync)
            .WithSummary("Put (or with remove, take back) a tapback on a message as the simulated phone.")
            .AcceptsJson<SimulatedReactionRequest>()
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();
        api.MapPhoneChanges();
        api.MapGet("/conversations/{handle}/events", ListEventsAsync)
            .WithSummary("Everything the phone saw in a chat (its number, an email or group:<id>), oldest first.")
            .Produces<IReadOnlyList<PhoneEvent>>()
            .ProducesValidationProblem();
        api.MapGet("/conversations/{handle}/stream", Stream).EndsWhenTapbackStops()
            .WithSummary("The same events as server-sent events, live; Last-Event-ID resumes.")
            .Produces<PhoneEvent>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesValidationProblem();
        api.MapGet("/attachments/{attachmentId}", GetAttachmentAsync)
            .WithSummary("A file the phone sent or received.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        return endpoints;
    }

    private static async Task<IResult> SendAsync(
        HttpRequest request,
        SimulatorRegistry simulators,
        AttachmentStore attachmentStore,
        Inbox inbox,
        PhoneLog phoneLog,
        SimulatedPhones phones,
        ConversationReader conversations,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, SimulatorJsonContext.Wire.SimulatedMessageRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var simulator = simulators.Default;
        var validation = SimulatedMessageValidator.Validate(body!, simulator.Options);
        var chatId = body!.Group is { Id: { } groupId } ? SimulatorChats.Group(groupId) : validation.From;
        var replyTo = string.IsNullOrWhiteSpace(body.ReplyTo) ? null : body.ReplyTo.Trim();
        if (validation.Errors.Count == 0 && replyTo is not null
            && !await IsInChatAsync(conversations, replyTo, simulator.Transport.Name, chatId, cancellationToken))
        {
            validation.Errors["replyTo"] = [$"No message '{replyTo}' is in this chat to reply to."];
        }

        if (validation.Errors.Count > 0)
        {
            return Problems.Validation(validation.Errors);
        }

        // An SMS-only phone sends what Messages sends over SMS: the text and files, without a thread or an effect.
        var service = await phones.ServiceAsync(chatId, cancellationToken);
        var sms = service == MessageServices.Sms;
        var effect = sms ? null : validation.Effect;
        replyTo = sms ? null : replyTo;

        var eventId = body.EventId ?? Ids.NewKey();

        // A time-ordered id, so a stored message lands at the end of every index keyed by it instead of
        // on a random page (a page written to the WAL, and at scale read back, per event). A repeated
        // event id is answered with the id its first delivery stored: the inbox dedupes on the event id
        // and writes the phone's line only for a new event. Files keep ids derived from the event, so
        // a repeat overwrites them rather than leaving copies.
        var messageId = Ids.New("msg");
        var stored = new List<StoredAttachment>();
        for (var index = 0; index < validation.Attachments.Count; index++)
        {
            var file = validation.Attachments[index];
            var attachmentId = Ids.Derived("att", simulator.Transport.Name, eventId, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            stored.Add(await attachmentStore.SaveAsync(attachmentId, file.FileName, file.ContentType, file.Content, cancellationToken));
        }


        // The phone shows its own message before the agent can possibly read it: its line is written in
        // the same unit as the inbound message and published before the agent is woken. The inbox writes
        // it only for a new event, so a repeat (or a racing duplicate) shows once and stores once.
        var sentLine = phoneLog.Line(
            chatId,
            PhoneEventTypes.MessageSent,
            $"sent:{messageId}",
            fromMe: true,
            messageId: messageId,
            text: validation.Text,
            attachments: [.. stored.Select(file => new PhoneAttachment(AttachmentUrl(file.Id), file.ContentType, file.FileName))],
            from: body.Group is null ? null : validation.From,
            replyTo: replyTo,
            effect: effect?.ToWire(),
            service: sms ? MessageServices.Sms : null);
        var result = await inbox.ReceiveMessageAsync(
            new InboundMessage
            {
                Transport = simulator.Transport.Name,
                EventId = eventId,
                MessageId = messageId,
                ChatId = chatId,
                From = validation.From,
                Text = validation.Text,
                IsGroup = body.Group is not null,
                ChatName = body.Group?.Name,
                ReplyTo = replyTo,
                Effect = effect,
                Service = service,
                Attachments = stored,
            },
            sentLine.AsCompanion(),
            cancellationToken);
        return TypedResults.Json(new SimulatedMessageAccepted(result.MessageId), SimulatorJsonContext.Wire.SimulatedMessageAccepted, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ReactAsync(
        HttpRequest request,
        SimulatorRegistry simulators,
        ConversationReader conversations,
        Inbox inbox,
        PhoneLog phoneLog,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, SimulatorJsonContext.Wire.SimulatedReactionRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (!HandleNormalizer.TryNormalize(body!.From, out var from))
        {
            errors["from"] = [$"'{body.From}' is not a phone number (E.164, e.g. +15551234567) or an email address."];
        }

        if (!ReactionTypes.TryParse(body.Reaction, out var reaction))
        {
            errors["reaction"] = [$"'{body.Reaction}' is not a tapback; use one of {ReactionTypes.AllowedValues}."];
        }

        if (string.IsNullOrWhiteSpace(body.MessageId))
        {
            errors["messageId"] = ["The id of the message to react to is required."];
        }

        var simulator = simulators.Default;
        Conversation? conversation = null;
        if (errors.Count == 0)
        {
            // The phone's own chat, or a group it writes in: the reaction lands in the message's chat.
            var message = await conversations.FindMessageAsync(body.MessageId!, cancellationToken);
            conversation = message is null ? null : await conversations.FindAsync(message.ConversationId, cancellationToken);
            if (conversation is null || conversation.Transport != simulator.Transport.Name || (!conversation.IsGroup && conversation.ChatId != from))
            {
                errors["messageId"] = [$"No message '{body.MessageId}' is in a chat of {body.From}."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var eventId = $"reaction:{Ids.NewKey()}";
        var chatId = conversation!.ChatId;
        await phoneLog.AppendAsync(
            phoneLog.Line(
                chatId, PhoneEventTypes.Reaction, eventId, fromMe: true, messageId: body.MessageId, reaction: reaction.ToWire(), removed: body.Remove,
                from: conversation.IsGroup ? from : null),
            cancellationToken);
        await inbox.ReceiveReactionAsync(
            new InboundReaction
            {
                Transport = simulator.Transport.Name,
                EventId = eventId,
                ChatId = chatId,
                From = from!,
                MessageId = body.MessageId!,
                Reaction = reaction,
                Removed = body.Remove,
            },
            cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>Whether a message is in the chat <paramref name="chatId"/> of this simulator: a reply's target.</summary>
    private static async Task<bool> IsInChatAsync(ConversationReader conversations, string messageId, string transport, string chatId, CancellationToken cancellationToken)
    {
        var message = await conversations.FindMessageAsync(messageId, cancellationToken);
        var conversation = message is null ? null : await conversations.FindAsync(message.ConversationId, cancellationToken);
        return conversation is not null && conversation.Transport == transport && conversation.ChatId == chatId;
    }

    private static async Task<IResult> ListEventsAsync(string handle, PhoneLog phoneLog, CancellationToken cancellationToken)
    {
        if (!SimulatorChats.TryParse(handle, out var normalized))
        {
            return BadHandle(handle);
        }

        var events = await phoneLog.ListAsync(normalized, cancellationToken: cancellationToken);
        return TypedResults.Json(events, SimulatorJsonContext.Wire.IReadOnlyListPhoneEvent);
    }

    private static IResult Stream(string handle, HttpRequest request, PhoneLog phoneLog, PhoneEventHub hub, CancellationToken cancellationToken)
    {
        if (!SimulatorChats.TryParse(handle, out var normalized))
        {
            return BadHandle(handle);
        }

        _ = long.TryParse(request.Headers["Last-Event-ID"].ToString(), out var lastEventId);
        return TypedResults.ServerSentEvents(StreamEventsAsync(normalized, lastEventId, phoneLog, hub, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<PhoneEvent>> StreamEventsAsync(
        string handle, long lastEventId, PhoneLog phoneLog, PhoneEventHub hub, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Subscribe before reading the store, so nothing falls between the replay and the live feed.
        using var subscription = hub.Subscribe(handle);
        foreach (var stored in await phoneLog.ListAsync(handle, lastEventId, cancellationToken))
        {
            lastEventId = stored.Id;
            yield return new SseItem<PhoneEvent>(stored) { EventId = stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        await foreach (var live in subscription.Reader.ReadAllAsync(cancellationToken))
        {
            if (live.Id <= lastEventId)
            {
                continue;
            }

            lastEventId = live.Id;
            yield return new SseItem<PhoneEvent>(live) { EventId = live.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }
    }

    private static async Task<IResult> GetAttachmentAsync(string attachmentId, SimulatorRegistry simulators, AttachmentReader reader, CancellationToken cancellationToken)
    {
        // Only files of this simulator's own chats: a real transport's attachment is not the simulated phone's to see.
        var file = await reader.FindOnTransportAsync(attachmentId, simulators.Default.Transport.Name, cancellationToken);
        return file is null
            ? Problems.NotFound($"No attachment '{attachmentId}'.")
            : TypedResults.PhysicalFile(file.Value.Path, file.Value.ContentType, file.Value.FileName);
    }

    private static IResult BadHandle(string handle) =>
        Problems.Validation(new Dictionary<string, string[]> { ["handle"] = [$"'{handle}' is not a phone number, an email address or group:<id>."] });

    private static string AttachmentUrl(string attachmentId) => $"/api/simulator/attachments/{attachmentId}";
}
