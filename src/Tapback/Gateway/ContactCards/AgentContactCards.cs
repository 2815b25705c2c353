using System.Text;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Transports;
using Tapback.Messaging;
using Tapback.Messaging.Handles;

namespace Tapback.Gateway.ContactCards;

/// <summary>
/// The agent's contact card in a chat: named after the integration's bot name (else
/// <c>Tapback:ContactCards:Name</c>), with the number it texts from there: the transport's sender
/// number for the chat where it knows one (<see cref="ISenderNumbers"/>), else
/// <c>Tapback:ContactCards:Numbers:&lt;transport&gt;</c>. Stored as a <c>.vcf</c> file ready to send.
/// </summary>
internal sealed class AgentContactCards(TransportRegistry transports, AttachmentStore store, IOptions<ContactCardOptions> options)
{
    /// <summary>The card can go here: the transport carries files, or cards through a call of its own.</summary>
    public static bool Carries(TransportCapabilities capabilities) => capabilities.Attachments || capabilities.ContactCards;

    /// <summary>The number or email the agent texts from in the chat; null when none is known.</summary>
    public async Task<string?> NumberAsync(string transport, string chatId, CancellationToken cancellationToken = default)
    {
        if (transports.TryGet(transport, out var instance) && instance is ISenderNumbers numbers
            && await numbers.SenderNumberAsync(chatId, cancellationToken) is { } sender)
        {
            return sender;
        }

        return options.Value.Numbers.TryGetValue(transport, out var configured) && HandleNormalizer.TryNormalize(configured, out var handle) ? handle : null;
    }

    /// <summary>The card, stored under <paramref name="attachmentId"/>; null when no number is known for the chat.</summary>
    public async Task<StoredAttachment?> BuildAsync(string attachmentId, string? botName, string transport, string chatId, CancellationToken cancellationToken = default)
    {
        if (await NumberAsync(transport, chatId, cancellationToken) is not { } number)
        {
            return null;
        }

        var settings = options.Value;
        var name = string.IsNullOrWhiteSpace(botName) ? settings.Name.Trim() : botName.Trim();
        var card = new VCard
        {
            Name = name,
            Phone = HandleNormalizer.IsEmail(number) ? null : number,
            Email = HandleNormalizer.IsEmail(number) ? number : null,
            Title = string.IsNullOrWhiteSpace(settings.Title) ? null : settings.Title.Trim(),
        };
        return await store.SaveAsync(attachmentId, FileName(name), VCard.ContentType, card.ToBytes(), cancellationToken);
    }

    /// <summary>The name as a file name the phone shows ("Ada.vcf"): letters, digits, spaces and a few marks.</summary>
    public static string FileName(string name)
    {
        var safe = new StringBuilder();
        foreach (var c in name)
        {
            safe.Append(char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or '\'' ? c : '_');
        }

        var trimmed = safe.ToString().Trim(' ', '.');
        return $"{(trimmed.Length == 0 ? "contact" : trimmed)}.vcf";
    }
}
