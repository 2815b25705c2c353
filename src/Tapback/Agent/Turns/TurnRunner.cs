using Tapback.Agent.Memory;
using Tapback.Agent.Sessions;
using Tapback.Agent.Settings;
using Tapback.Agent.Tools;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Transports;
using Tapback.Messaging;

namespace Tapback.Agent.Turns;

/// <summary>
/// One turn of the built-in agent over a conversation's pending events: mark read, show typing, ask
/// the model (with its tools) and write the answer as bubbles. The answer and the completion of the
/// queue rows are one transaction, so a crash before it reruns the turn and a crash after it leaves
/// the outbox to finish; the outbox keys make either path send everything once. A turn that needs the
/// person (an approval, a question) pauses in that same transaction; a later batch resumes it.
/// Only the person's new messages are answered: an edit (the stored text is already the new one), an
/// unsend (the message leaves the context, and the summaries that folded it in are dropped), their
/// typing (the claim's debounce already waited for it) and a late file are read and completed, never
/// answered on their own.
/// The turn reads through <see cref="TurnReads"/> (one connection, one snapshot), released before each of
/// its writes and before the model is asked.
/// </summary>
internal sealed class TurnRunner(
    ConversationReader conversations,
    SessionStore sessions,
    TransportRegistry transports,
    GroupAddressing addressing,
    PauseResolver pauses,
    TurnContextBuilder contexts,
    TurnModelCall model,
    TurnOutcomeWriter writer,
    ToolCallVisibility toolCalls,
    AgentSettingsResolver settings,
    Summarizer summarizer,
    SummaryStore summaries,
    VoiceReplyStep voiceReplies)
{
    public const string ModelTroubleReply = "Sorry, something went wrong on my side and I couldn't answer. Could you send that again in a minute?";

    /// <param name="start">What the turn's first read found (<see cref="TurnStart"/>), in the snapshot of <paramref name="reads"/>.</param>
    public async Task RunAsync(AgentQueueBatch batch, TurnStart start, TurnReads reads, CancellationToken cancellationToken)
    {
        var conversation = start.Conversation
            ?? throw new InvalidOperationException($"The queue names conversation '{batch.ConversationId}', which does not exist.");
        settings.Apply(conversation, start.PairedSettings);
        var capabilities = transports.CapabilitiesOf(conversation.Transport);
        var smsOnly = start.LatestInboundService == MessageServices.Sms;

        // Nearly every turn finds none waiting, and then reads nothing more for it.
        var waiting = start.TurnWaiting ? await pauses.LoadAsync(conversation.Id, reads, cancellationToken) : null;
        var inputs = new TurnInputs { Start = start };
        if (waiting is { IsExpired: true })
        {
            inputs.Expired = waiting;
            waiting = null;
        }

        // Several messages in a row are answered together; a command ends the run before it.
        foreach (var item in batch.Items)
        {
            inputs.Seqs.Add(item.Seq);
            if (item.Kind == AgentQueueKinds.Reaction)
            {
                if (waiting is not null)
                {
                    await reads.ReleaseAsync();
                    waiting = await pauses.OnReactionAsync(waiting, item, cancellationToken);
                }

                continue;
            }

            if (item.Kind == AgentQueueKinds.MessageUnsent && item.MessageId is not null)
            {
                await reads.ReleaseAsync();
                await ForgetAsync(conversation, item.MessageId, inputs, cancellationToken);
                continue;
            }

            if (item.Kind != AgentQueueKinds.Message || item.MessageId is null)
            {
                continue;
            }

            var message = await reads.ReadAsync((connection, transaction) => ConversationReader.FindMessageAsync(connection, transaction, item.MessageId, cancellationToken), cancellationToken);
            if (message is null || message.UnsentAt is not null)
            {
                // Taken back before its turn: nothing to answer (its unsend row completes with this batch).
                continue;
            }

            if (AgentCommands.IsClear(message.Body))
            {
                inputs.Seqs.RemoveAt(inputs.Seqs.Count - 1);
                if (inputs.Seqs.Count > 0)
                {
                    await FlushAsync(conversation, capabilities, smsOnly, waiting, inputs, reads, cancellationToken);
                }

                await reads.ReleaseAsync();
                await ClearAsync(conversation, capabilities, message, [item.Seq], await pauses.LoadAsync(conversation.Id, cancellationToken), cancellationToken);
                waiting = null;
                inputs = new TurnInputs { Start = start };
                continue;
            }

            if (waiting is not null && inputs.Run.Count == 0)
            {
                await reads.ReleaseAsync();
                (waiting, var effect) = await pauses.OnMessageAsync(waiting, item, message, cancellationToken);
                if (effect == WaitingTurnOutcome.Answered)
                {
                    inputs.Answered.Add(message);
                    continue;
                }
            }

            inputs.Run.Add(message);
        }

        if (inputs.Seqs.Count > 0)
        {
            await FlushAsync(conversation, capabilities, smsOnly, waiting, inputs, reads, cancellationToken);
        }
    }

    private async Task FlushAsync(
        Conversation conversation, TransportCapabilities capabilities, bool smsOnly, WaitingTurn? waiting, TurnInputs inputs, TurnReads reads, CancellationToken cancellationToken)
    {
        if (waiting is { IsReady: true })
        {
            await TakeTurnAsync(conversation, capabilities, smsOnly, inputs, resume: waiting, supersede: null, reads, cancellationToken);
            return;
        }

        if (inputs.Run.Count > 0 && (!conversation.IsGroup || await addressing.IsAddressedAsync(conversation, inputs.Run, cancellationToken)))
        {
            await TakeTurnAsync(conversation, capabilities, smsOnly, inputs, resume: null, supersede: waiting, reads, cancellationToken);
            return;
        }

        // Only tapbacks, answers to a turn still waiting for more, an expiry, or group talk not meant for
        // the agent (stored, and part of the history the next time someone addresses it): no model call.
        await reads.ReleaseAsync();
        await writer.WriteQuietAsync(conversation, capabilities, inputs, cancellationToken);
    }

    private async Task ClearAsync(Conversation conversation, TransportCapabilities capabilities, StoredMessage command, IReadOnlyList<long> seqs, WaitingTurn? waiting, CancellationToken cancellationToken)
    {
        await sessions.StartNewAsync(conversation.Id, command.Seq, "cleared", cancellationToken);
        await writer.WriteClearedAsync(conversation, capabilities, command, seqs, waiting, cancellationToken);
    }

    /// <summary>
    /// The person unsent a message: it leaves this turn if it was in it, and every summary that folded it
    /// in is dropped (the next turn writes the summary again without it; <see cref="SummaryStore.ForgetCoveringAsync"/>).
    /// The history shows nothing of it from now on (<see cref="MessageRenderer"/>).
    /// </summary>
    private async Task ForgetAsync(Conversation conversation, string messageId, TurnInputs inputs, CancellationToken cancellationToken)
    {
        inputs.Run.RemoveAll(message => message.Id == messageId);
        if (await conversations.FindMessageAsync(messageId, cancellationToken) is { } message && message.ConversationId == conversation.Id)
        {
            await summaries.ForgetCoveringAsync(conversation.Id, message.Seq, cancellationToken);
        }
    }

    /// <summary>
    /// A turn that asks the model: the context, the opening, the tool loop, and the answer (or pause) it
    /// writes. The context is read before the opening is written, so every read of the turn shares the
    /// snapshot of its start (the opening writes outbox rows only, which no read of the turn looks at).
    /// </summary>
    private async Task TakeTurnAsync(
        Conversation conversation, TransportCapabilities capabilities, bool smsOnly, TurnInputs inputs, WaitingTurn? resume, WaitingTurn? supersede, TurnReads reads, CancellationToken cancellationToken)
    {
        var context = await contexts.BuildAsync(conversation, inputs, resume, reads, cancellationToken);
        await reads.ReleaseAsync();
        await writer.WriteOpeningAsync(conversation, capabilities, inputs, cancellationToken);
        var toolTurn = new ToolTurn
        {
            Conversation = conversation,
            TurnKey = inputs.TurnKey,
            ReplyToMessageId = inputs.Run.LastOrDefault()?.Id ?? resume?.Turn.ReplyToMessageId,
            Typing = capabilities.Typing,
            ShowToolCalls = toolCalls.ShowToolCalls(conversation),
            Answering = inputs.Run,
            SmsOnly = smsOnly,
        };
        var result = await model.AskAsync(context.Prompt, context.Summary, conversation, context.SessionId, capabilities, toolTurn, cancellationToken);
        inputs.VoiceReply = await voiceReplies.SpeakAsync(conversation, capabilities, inputs, result, toolTurn.SmsOnly, cancellationToken);
        var turns = await writer.WriteOutcomeAsync(conversation, capabilities, inputs, result, resume, supersede, context.SessionId, toolTurn, countTurn: context.Session is not null, cancellationToken);
        if (context.Session is not null && context.Memory is not null && turns is { } counted)
        {
            await summarizer.AfterTurnAsync(context.Session, inputs.Run[^1].Seq, counted, context.Memory, cancellationToken);
        }
    }
}
