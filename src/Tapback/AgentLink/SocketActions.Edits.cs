using Tapback.AgentLink.Frames;
using Tapback.Gateway.Actions;

namespace Tapback.AgentLink;

/// <summary>
/// <c>edit_message</c> and <c>unsend_message</c> (Tapback extensions): answered like the other
/// frames, by an <c>error</c> frame only when refused; the outcome of one carried out through the
/// transport comes as <c>message.edited</c> / <c>message.unsent</c> or <c>message.failed</c>.
/// </summary>
internal sealed partial class SocketActions
{
    public async Task EditMessageAsync(EditMessageData? edit, CancellationToken cancellationToken)
    {
        const string type = FrameTypes.EditMessage;
        var clientMessageId = edit?.ClientMessageId;
        if (edit?.MessageId is not { Length: > 0 } messageId)
        {
            await writer.ErrorAsync("edit_message needs data.messageId (a message this integration sent) and data.text.", type, cancellationToken, clientMessageId);
            return;
        }

        if (clientMessageId is { Length: > FrameEcho.MaxClientMessageIdChars })
        {
            await writer.ErrorAsync($"data.clientMessageId is at most {FrameEcho.MaxClientMessageIdChars} characters.", type, cancellationToken, clientMessageId);
            return;
        }

        var result = await actions.EditAsync(
            Caller,
            new EditCommand { MessageId = messageId, Text = edit.Text ?? string.Empty, IdempotencyKey = clientMessageId, ClientMessageId = clientMessageId },
            cancellationToken);
        await AnswerAsync(result, type, cancellationToken, clientMessageId);
    }

    public async Task UnsendMessageAsync(UnsendMessageData? unsend, CancellationToken cancellationToken)
    {
        const string type = FrameTypes.UnsendMessage;
        if (unsend?.MessageId is not { Length: > 0 } messageId)
        {
            await writer.ErrorAsync("unsend_message needs data.messageId (a message this integration sent).", type, cancellationToken);
            return;
        }

        await AnswerAsync(await actions.UnsendAsync(Caller, new UnsendCommand { MessageId = messageId }, cancellationToken), type, cancellationToken);
    }
}
