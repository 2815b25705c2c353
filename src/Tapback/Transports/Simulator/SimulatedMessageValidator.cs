using System.Globalization;
using Tapback.Gateway.Attachments;
using Tapback.Messaging;
using Tapback.Messaging.Handles;

namespace Tapback.Transports.Simulator;

/// <summary>Checks a simulated message field by field, so every mistake is named in one answer.</summary>
internal static class SimulatedMessageValidator
{
    public static ValidatedMessage Validate(SimulatedMessageRequest request, SimulatorOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        if (!HandleNormalizer.TryNormalize(request.From, out var from))
        {
            errors["from"] = [string.IsNullOrWhiteSpace(request.From)
                ? "The sender's phone number is required (E.164, e.g. +15551234567)."
                : $"'{request.From}' is not a phone number (E.164, e.g. +15551234567) or an email address."];
        }

        var text = request.Text?.Trim() ?? string.Empty;
        var attachmentCount = request.Attachments?.Count ?? 0;
        if (text.Length == 0 && attachmentCount == 0)
        {
            errors["text"] = ["A message needs text or an attachment."];
        }
        else if (text.Length > options.MaxTextLength)
        {
            errors["text"] = [$"The text has {text.Length} characters; the limit is {options.MaxTextLength}."];
        }

        if (request.Group is { } group && !SimulatorChats.IsValidGroupId(group.Id))
        {
            errors["group.id"] = ["A group needs an id of 1 to 64 letters, digits, '.', '_' or '-'."];
        }

        MessageEffect? effect = null;
        if (request.Effect is not null)
        {
            if (MessageEffects.TryParse(request.Effect, out var parsed))
            {
                effect = parsed;
            }
            else
            {
                errors["effect"] = [$"'{request.Effect}' is not a message effect; use one of {MessageEffects.AllowedValues}."];
            }
        }

        if (request.EventId is { Length: > 200 })
        {
            errors["eventId"] = ["The event id may have at most 200 characters."];
        }

        var files = new List<ValidatedAttachment>();
        for (var index = 0; index < attachmentCount; index++)
        {
            if (request.Attachments![index] is null)
            {
                errors[$"attachments[{index}]"] = ["An attachment is an object {fileName, contentType, base64}, not null."];
            }
            else if (ValidateAttachment(request.Attachments[index], options, out var file) is { } problem)
            {
                errors[$"attachments[{index}].{problem.Field}"] = [problem.Message];
            }
            else
            {
                files.Add(file!);
            }
        }

        return new ValidatedMessage(from ?? string.Empty, text, files, effect, errors);
    }

    private static (string Field, string Message)? ValidateAttachment(SimulatedAttachment attachment, SimulatorOptions options, out ValidatedAttachment? file)
    {
        file = null;
        if (string.IsNullOrWhiteSpace(attachment.FileName))
        {
            return ("fileName", "The file name is required.");
        }

        if (!ContentTypes.IsValid(attachment.ContentType))
        {
            return ("contentType", $"The content type must be {ContentTypes.Rule}.");
        }

        if (string.IsNullOrEmpty(attachment.Base64))
        {
            return ("base64", "The file's bytes, base64-encoded, are required.");
        }

        // Check the size from the encoded length before decoding, so an oversized file costs no memory.
        var decodedLength = (long)attachment.Base64.Length / 4 * 3;
        if (decodedLength > options.MaxAttachmentBytes + 3)
        {
            return ("base64", $"The file is about {Megabytes(decodedLength)} MB; the limit is {Megabytes(options.MaxAttachmentBytes)} MB (Tapback:Transports:<name>:MaxAttachmentBytes).");
        }

        byte[] content;
        try
        {
            content = Convert.FromBase64String(attachment.Base64);
        }
        catch (FormatException)
        {
            return ("base64", "The file is not valid base64.");
        }

        if (content.Length > options.MaxAttachmentBytes)
        {
            return ("base64", $"The file is {Megabytes(content.Length)} MB; the limit is {Megabytes(options.MaxAttachmentBytes)} MB (Tapback:Transports:<name>:MaxAttachmentBytes).");
        }

        file = new ValidatedAttachment(attachment.FileName.Trim(), attachment.ContentType!.Trim().ToLowerInvariant(), content);
        return null;
    }

    private static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.InvariantCulture);

    internal sealed record ValidatedMessage(string From, string Text, IReadOnlyList<ValidatedAttachment> Attachments, MessageEffect? Effect, Dictionary<string, string[]> Errors);

    internal sealed record ValidatedAttachment(string FileName, string ContentType, byte[] Content);
}
