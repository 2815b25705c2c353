using Tapback.Agent.Media;
using Tapback.Agent.Media.Voice;
using Tapback.Agent.Tools;
using Tapback.Gateway.Actions;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Outbox;
using Tapback.Messaging;
using Tapback.Messaging.Text;
using Tapback.Storage;

namespace Tapback.Agent.Turns;

/// <summary>
/// Voice in, voice out: when the person spoke to the agent (a voice note in this turn's messages) and
/// <c>Tapback:Agent:TextToSpeech</c> is on, the answer goes back as one voice memo whose stored text is
/// the answer, so memory, the summary and every reader keep the words. Asked after the model answers
/// and before the turn's one write; on any failure the answer goes as text bubbles as usual.
/// </summary>
internal sealed class VoiceReplyStep(VoiceReplySpeaker speaker, AttachmentReader attachments, TypingKeepAlive typing, SendLimits limits)
{
    /// <summary>The spoken answer, stored and ready to send, or null to answer in text.</summary>
    public async Task<StoredAttachment?> SpeakAsync(
        Conversation conversation, TransportCapabilities capabilities, TurnInputs inputs, ToolLoopResult result, bool smsOnly, CancellationToken cancellationToken)
    {
        // A paused turn asks the person with text they answer by tapback or number; trouble is said plainly;
        // an answer the send limit would cut is sent cut, as text, so the memo never says more than the store keeps;
        // an SMS-only phone would get the CAF as an MMS file most phones other than iPhones cannot play.
        if (!speaker.IsOn || !capabilities.Attachments || smsOnly || result.IsPaused || inputs.Run.Count == 0
            || string.IsNullOrWhiteSpace(result.Text) || result.Text == TurnRunner.ModelTroubleReply || result.Text.Length > limits.MaxBodyLength
            || !await HeardVoiceAsync(inputs.Run, cancellationToken))
        {
            return null;
        }

        using var keepTyping = typing.Start(conversation, capabilities, $"{inputs.TurnKey}:voice", cancellationToken);
        return await speaker.SpeakAsync(Ids.Derived("att", inputs.TurnKey, "voice"), result.Text, cancellationToken);
    }

    /// <summary>The answer's one bubble when it is spoken: the whole text, as plain text, never split.</summary>
    public static IReadOnlyList<string> Bubble(string markdown) => [MarkdownToPlainText.Convert(markdown).Trim()];

    /// <summary>Puts the memo on the answer's bubble (planned as <c>&lt;turnKey&gt;:bubble:&lt;index&gt;</c>) and marks it a voice note.</summary>
    public static IReadOnlyList<AgentAction> Attach(IReadOnlyList<AgentAction> actions, string turnKey, int index, StoredAttachment? voice)
    {
        if (voice is null)
        {
            return actions;
        }

        var key = $"{turnKey}:bubble:{index}";
        return [.. actions.Select(action => action.Key == key ? action with { Attachments = [voice], VoiceNote = true } : action)];
    }

    private async Task<bool> HeardVoiceAsync(IReadOnlyList<StoredMessage> run, CancellationToken cancellationToken)
    {
        var files = await attachments.ForMessagesAsync([.. run.Select(message => message.Id)], cancellationToken);
        return files.SelectMany(group => group).Any(file => MediaTypes.Classify(file.ContentType, file.FileName) == MediaKind.Audio);
    }
}
