using Tapback.Gateway.Http;
using Tapback.Gateway.Inbox;
using Tapback.Messaging.Handles;

namespace Tapback.Transports.Simulator;

/// <summary>
/// What the simulated phone does besides texting: edit and unsend its own messages (within Apple's
/// windows), show that it is typing, and turn iMessage off to be an SMS-only phone.
/// </summary>
internal static partial class SimulatorEndpoints
{
    private static void MapPhoneChanges(this RouteGroupBuilder api)
    {
        api.MapPost("/messages/{messageId}/edit", EditAsync)
            .WithSummary("Edit a message the simulated phone sent: up to 5 times within 15 minutes of sending, as on an iPhone.")
            .AcceptsJson<SimulatedEditRequest>()
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/messages/{messageId}/unsend", UnsendAsync)
            .WithSummary("Unsend a message the simulated phone sent, within 2 minutes of sending.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/typing", TypingAsync)
            .WithSummary("Show (typing: true) or hide (false) the simulated phone's typing indicator to the agent.")
            .AcceptsJson<SimulatedTypingRequest>()
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();
        api.MapGet("/phones/{handle}", GetPhoneAsync)
            .WithSummary("Whether a simulated phone is on iMessage (true unless made SMS-only).")
            .Produces<SimulatedPhone>()
            .ProducesValidationProblem();
        api.MapPut("/phones/{handle}", PutPhoneAsync)
            .WithSummary("Make a simulated phone SMS-only (imessage: false) or put it back on iMessage.")
            .AcceptsJson<SimulatedPhone>()
            .Produces<SimulatedPhone>()
            .ProducesValidationProblem();
    }

    private static async Task<IResult> EditAsync(
        string messageId,
        HttpRequest request,
        SimulatorRegistry simulators,
        Inbox inbox,
        PhoneLog phoneLog,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, SimulatorJsonContext.Wire.SimulatedEditRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var simulator = simulators.Default;
        var text = body!.Text?.Trim() ?? string.Empty;
        if (text.Length == 0 || text.Length > simulator.Options.MaxTextLength)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["text"] = [text.Length == 0 ? "An edit needs the new text." : $"The text has {text.Length} characters; the limit is {simulator.Options.MaxTextLength}."],
            });
        }

        var message = await OwnMessageAsync(phoneLog, messageId, cancellationToken);
        if (message is null)
        {
            return NoOwnMessage(messageId);
        }

        var transport = simulator.Transport.Name;
        if (text == message.Text && message.Edits > 0 && !message.Unsent)
        {
            // The phone already shows this edit: a retry, perhaps after a failure before the agent
            // heard it. Telling the inbox again under the same key completes it, or changes nothing.
            await inbox.ReceiveEditAsync(EditEvent(transport, messageId, message.Edits, text), cancellationToken);
            return TypedResults.Accepted((string?)null);
        }

        if (PhoneEditRules.WhyNoEdit(message, time.GetUtcNow()) is { } refusal)
        {
            return Problems.Conflict(refusal);
        }

        if (text == message.Text)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["text"] = ["The edit is the text the message already has."] });
        }

        // The edit's number keys it: of two edits racing for one number, the one whose line is stored
        // first is the phone's, and only that one reaches the agent (the inbox deduplicates on the key).
        var edit = EditEvent(transport, messageId, message.Edits + 1, text);
        var stored = await phoneLog.AppendAsync(
            phoneLog.Line(message.Handle, PhoneEventTypes.MessageEdited, edit.EventId, fromMe: true, messageId: messageId, text: text, from: GroupSender(message)),
            cancellationToken);
        if (!stored)
        {
            return Problems.Conflict("Another edit of this message came first; load the conversation and try again.");
        }

        await inbox.ReceiveEditAsync(edit, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static InboundEdit EditEvent(string transport, string messageId, int number, string text) =>
        new() { Transport = transport, EventId = $"edit:{messageId}:{number}", MessageId = messageId, Text = text };

    private static async Task<IResult> UnsendAsync(
        string messageId,
        SimulatorRegistry simulators,
        Inbox inbox,
        PhoneLog phoneLog,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var message = await OwnMessageAsync(phoneLog, messageId, cancellationToken);
        if (message is null)
        {
            return NoOwnMessage(messageId);
        }

        if (PhoneEditRules.WhyNoUnsend(message, time.GetUtcNow()) is { } refusal)
        {
            return Problems.Conflict(refusal);
        }

        var eventId = $"unsend:{messageId}";
        await inbox.ReceiveUnsendAsync(new InboundUnsend { Transport = simulators.Default.Transport.Name, EventId = eventId, MessageId = messageId }, cancellationToken);
        await phoneLog.AppendAsync(
            phoneLog.Line(message.Handle, PhoneEventTypes.MessageUnsent, eventId, fromMe: true, messageId: messageId, from: GroupSender(message)),
            cancellationToken);
        await phoneLog.ForgetContentAsync(messageId, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<IResult> TypingAsync(HttpRequest request, SimulatorRegistry simulators, Inbox inbox, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, SimulatorJsonContext.Wire.SimulatedTypingRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (!HandleNormalizer.TryNormalize(body!.From, out var from))
        {
            errors["from"] = [$"'{body.From}' is not a phone number (E.164, e.g. +15551234567) or an email address."];
        }

        if (body.Typing is null)
        {
            errors["typing"] = ["Say whether the phone is typing: true or false."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // A chat Tapback does not know yet has no one to tell; the phone's indicator is not stored then.
        await inbox.ReceiveTypingAsync(new InboundTyping { Transport = simulators.Default.Transport.Name, ChatId = from!, Typing = body.Typing!.Value }, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<IResult> GetPhoneAsync(string handle, SimulatedPhones phones, CancellationToken cancellationToken)
    {
        if (!HandleNormalizer.TryNormalize(handle, out var normalized))
        {
            return BadPhone(handle);
        }

        return TypedResults.Json(
            new SimulatedPhone { Handle = normalized, IMessage = await phones.IsOnIMessageAsync(normalized, cancellationToken) },
            SimulatorJsonContext.Wire.SimulatedPhone);
    }

    private static async Task<IResult> PutPhoneAsync(string handle, HttpRequest request, SimulatedPhones phones, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, SimulatorJsonContext.Wire.SimulatedPhone, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!HandleNormalizer.TryNormalize(handle, out var normalized))
        {
            return BadPhone(handle);
        }

        if (body!.IMessage is not { } imessage)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["imessage"] = ["Say whether the phone is on iMessage: true, or false for SMS only."] });
        }

        await phones.SetAsync(normalized, imessage, cancellationToken);
        return TypedResults.Json(new SimulatedPhone { Handle = normalized, IMessage = imessage }, SimulatorJsonContext.Wire.SimulatedPhone);
    }

    /// <summary>A message the simulated phone itself sent (never an agent bubble).</summary>
    private static async Task<PhoneMessage?> OwnMessageAsync(PhoneLog phoneLog, string messageId, CancellationToken cancellationToken) =>
        await phoneLog.FindMessageAsync(messageId, cancellationToken) is { FromMe: true } message ? message : null;

    private static IResult NoOwnMessage(string messageId) =>
        Problems.NotFound($"The simulated phone sent no message '{messageId}'; it can edit or unsend only its own.");

    /// <summary>In a group the phone's line names which member sent it, as its messages there do.</summary>
    private static string? GroupSender(PhoneMessage message) => message.From;

    private static IResult BadPhone(string handle) =>
        Problems.Validation(new Dictionary<string, string[]> { ["handle"] = [$"'{handle}' is not a phone number or an email address."] });
}
