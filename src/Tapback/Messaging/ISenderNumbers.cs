namespace Tapback.Messaging;

/// <summary>
/// A transport with several gateway numbers says which one a chat is answered from, so each number
/// is paced on its own. Transports with one number (or none of their own) need not implement it.
/// </summary>
internal interface ISenderNumbers
{
    ValueTask<string?> SenderNumberAsync(string chatId, CancellationToken cancellationToken = default);
}
